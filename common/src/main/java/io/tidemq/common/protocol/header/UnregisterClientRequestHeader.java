package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of UNREGISTER_CLIENT (35). */
public class UnregisterClientRequestHeader {
    @Required
    public String clientID;
    public String producerGroup;
    public String consumerGroup;

    public UnregisterClientRequestHeader() {
    }
}
