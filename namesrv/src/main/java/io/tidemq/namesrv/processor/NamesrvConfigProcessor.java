package io.tidemq.namesrv.processor;

import io.tidemq.config.ConfigException;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.namesrv.config.NamesrvConfiguration;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidemq.config.PropertiesFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * UPDATE_NAMESRV_CONFIG and GET_NAMESRV_CONFIG: the body is Java properties text. Unlike Apache RocketMQ, an
 * unknown key, a bad value or a key that cannot change at runtime is refused with SYSTEM_ERROR naming it, and
 * nothing is changed.
 */
public final class NamesrvConfigProcessor extends NamesrvProcessor {
    private static final Logger log = LoggerFactory.getLogger(NamesrvConfigProcessor.class);

    private final NamesrvConfiguration configuration;

    public NamesrvConfigProcessor(NamesrvConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public int[] codes() {
        return new int[]{RequestCode.UPDATE_NAMESRV_CONFIG, RequestCode.GET_NAMESRV_CONFIG};
    }

    @Override
    protected RemotingCommand handle(RemoteChannel channel, RemotingCommand request) throws IOException {
        if (request.getCode() == RequestCode.GET_NAMESRV_CONFIG) {
            return success(request).setBody(configuration.toText().getBytes(StandardCharsets.UTF_8));
        }
        if (request.getBody() == null) {
            return success(request);
        }
        Properties props = PropertiesFiles.parse(new String(request.getBody(), StandardCharsets.UTF_8));
        List<String> changed;
        try {
            changed = configuration.updateRemotely(props);
        } catch (ConfigException | UncheckedIOException e) {
            log.warn("UPDATE_NAMESRV_CONFIG from {} refused: {}", channel == null ? "-" : channel.remoteAddress(),
                    e.getMessage());
            return error(request, e.getMessage());
        }
        log.info("settings updated by {}: {}", channel == null ? "-" : channel.remoteAddress(), changed);
        return success(request);
    }
}
