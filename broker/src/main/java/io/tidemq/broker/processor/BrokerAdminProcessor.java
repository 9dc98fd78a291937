package io.tidemq.broker.processor;

import io.tidemq.broker.out.NameServerRegistration;
import io.tidemq.broker.stats.RuntimeInfo;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.KVTable;
import io.tidemq.config.ConfigBinder;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;

import io.tidemq.broker.config.RuntimeConfigUpdate;
import io.tidemq.config.ConfigException;
import io.tidemq.config.PropertiesFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/** GET_BROKER_RUNTIME_INFO, GET_BROKER_CONFIG and UPDATE_BROKER_CONFIG. */
public final class BrokerAdminProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerAdminProcessor.class);

    private final RuntimeConfigUpdate updater;
    private final ConfigBinder binder;
    private final RuntimeInfo runtimeInfo;
    private final TopicConfigManager topics;
    private final NameServerRegistration registration;

    public BrokerAdminProcessor(RuntimeConfigUpdate updater, ConfigBinder binder, RuntimeInfo runtimeInfo,
                                TopicConfigManager topics, NameServerRegistration registration) {
        this.updater = updater;
        this.binder = binder;
        this.runtimeInfo = runtimeInfo;
        this.topics = topics;
        this.registration = registration;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.GET_BROKER_RUNTIME_INFO ->
                    TopicAdminProcessor.ok(Json.toBytes(new KVTable(runtimeInfo.collect())));
            case RequestCode.GET_BROKER_CONFIG -> brokerConfig();
            case RequestCode.UPDATE_BROKER_CONFIG -> updateBrokerConfig(request, channel.remoteAddress());
            default -> RemotingCommand.createResponse(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.getCode() + " not supported");
        };
    }

    private RemotingCommand brokerConfig() {
        String text = binder.toText(false);
        RemotingCommand response = TopicAdminProcessor.ok(text.getBytes(StandardCharsets.UTF_8));
        response.addExtField("version", Json.toString(topics.dataVersion()));
        return response;
    }

    private RemotingCommand updateBrokerConfig(RemotingCommand request, String channelAddress) throws Exception {
        if (request.getBody() == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "missing properties body");
        }
        Properties props = PropertiesFiles.parse(new String(request.getBody(), StandardCharsets.UTF_8));
        List<String> changed;
        try {
            changed = updater.apply(props);
        } catch (ConfigException | UncheckedIOException e) {
            LOG.warn("UPDATE_BROKER_CONFIG from {} refused: {}", channelAddress, e.getMessage());
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        if (!changed.isEmpty()) {
            LOG.info("UPDATE_BROKER_CONFIG from {} changed {}", channelAddress, changed);
        }
        if (changed.contains("brokerPermission")) {
            topics.nextVersion();
            registration.registerAll();
        }
        return TopicAdminProcessor.ok(null);
    }
}
