package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of INVOKE_BROKER_TO_RESET_OFFSET (222) and RESET_CONSUMER_CLIENT_OFFSET (220); the key really is isForce. */
public class ResetOffsetRequestHeader {
    @Required
    public String topic;
    @Required
    public String group;
    public long timestamp;
    public boolean isForce;

    public ResetOffsetRequestHeader() {
    }
}
