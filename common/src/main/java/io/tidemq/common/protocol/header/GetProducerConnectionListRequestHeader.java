package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of GET_PRODUCER_CONNECTION_LIST (204). */
public class GetProducerConnectionListRequestHeader {
    @Required
    public String producerGroup;

    public GetProducerConnectionListRequestHeader() {
    }
}
