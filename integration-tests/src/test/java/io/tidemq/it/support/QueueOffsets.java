package io.tidemq.it.support;

import org.apache.rocketmq.common.protocol.RequestCode;
import org.apache.rocketmq.common.protocol.ResponseCode;
import org.apache.rocketmq.common.protocol.header.GetMaxOffsetRequestHeader;
import org.apache.rocketmq.common.protocol.header.GetMaxOffsetResponseHeader;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

/** Asks one broker (ours or Apache's) directly, with the official remoting client, for its queue offsets. */
public final class QueueOffsets {
    private QueueOffsets() {
    }

    /** GET_MAX_OFFSET of one queue of {@code topic} on the broker at {@code brokerAddr}. */
    public static long maxOffset(String brokerAddr, String topic, int queueId) throws Exception {
        NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
        client.start();
        try {
            GetMaxOffsetRequestHeader h = new GetMaxOffsetRequestHeader();
            h.setTopic(topic);
            h.setQueueId(queueId);
            RemotingCommand r = client.invokeSync(brokerAddr,
                    RemotingCommand.createRequestCommand(RequestCode.GET_MAX_OFFSET, h), 3000);
            if (r.getCode() != ResponseCode.SUCCESS) {
                throw new AssertionError("GET_MAX_OFFSET of " + topic + "/" + queueId + " on " + brokerAddr
                        + " answered " + r.getCode() + " " + r.getRemark());
            }
            return ((GetMaxOffsetResponseHeader) r.decodeCommandCustomHeader(GetMaxOffsetResponseHeader.class))
                    .getOffset();
        } finally {
            client.shutdown();
        }
    }
}
