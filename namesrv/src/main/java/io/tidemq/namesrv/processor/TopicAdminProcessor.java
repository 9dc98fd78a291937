package io.tidemq.namesrv.processor;

import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.header.namesrv.AddWritePermOfBrokerRequestHeader;
import io.tidemq.common.protocol.header.namesrv.AddWritePermOfBrokerResponseHeader;
import io.tidemq.common.protocol.header.namesrv.DeleteTopicFromNamesrvRequestHeader;
import io.tidemq.common.protocol.header.namesrv.WipeWritePermOfBrokerRequestHeader;
import io.tidemq.common.protocol.header.namesrv.WipeWritePermOfBrokerResponseHeader;
import io.tidemq.namesrv.route.RouteInfoManager;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator changes to routes (protocol.md 3.8): WIPE_WRITE_PERM_OF_BROKER, ADD_WRITE_PERM_OF_BROKER and
 * DELETE_TOPIC_IN_NAMESRV.
 */
public final class TopicAdminProcessor extends NamesrvProcessor {
    private static final Logger log = LoggerFactory.getLogger(TopicAdminProcessor.class);

    private final RouteInfoManager routes;

    public TopicAdminProcessor(RouteInfoManager routes) {
        this.routes = routes;
    }

    @Override
    public int[] codes() {
        return new int[]{RequestCode.WIPE_WRITE_PERM_OF_BROKER, RequestCode.ADD_WRITE_PERM_OF_BROKER,
                RequestCode.DELETE_TOPIC_IN_NAMESRV};
    }

    @Override
    protected RemotingCommand handle(RemoteChannel channel, RemotingCommand request) throws Exception {
        String client = channel == null ? "-" : channel.remoteAddress();
        switch (request.getCode()) {
            case RequestCode.WIPE_WRITE_PERM_OF_BROKER -> {
                String broker = required(request.decodeHeader(WipeWritePermOfBrokerRequestHeader.class).brokerName,
                        "brokerName");
                int count = routes.wipeWritePermOfBroker(broker);
                log.info("write permission of broker {} wiped on {} topics, asked by {}", broker, count, client);
                return success(request).writeHeader(new WipeWritePermOfBrokerResponseHeader(count));
            }
            case RequestCode.ADD_WRITE_PERM_OF_BROKER -> {
                String broker = required(request.decodeHeader(AddWritePermOfBrokerRequestHeader.class).brokerName,
                        "brokerName");
                int count = routes.addWritePermOfBroker(broker);
                log.info("write permission of broker {} added on {} topics, asked by {}", broker, count, client);
                return success(request).writeHeader(new AddWritePermOfBrokerResponseHeader(count));
            }
            case RequestCode.DELETE_TOPIC_IN_NAMESRV -> {
                String topic = required(request.decodeHeader(DeleteTopicFromNamesrvRequestHeader.class).topic,
                        "topic");
                routes.deleteTopic(topic);
                log.info("topic {} deleted, asked by {}", topic, client);
                return success(request);
            }
            default -> throw new IllegalStateException("unexpected code " + request.getCode());
        }
    }
}
