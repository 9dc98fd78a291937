package io.tidemq.common.protocol.header;

/** Response header of GET_EARLIEST_MSG_STORETIME. */
public class GetEarliestMsgStoretimeResponseHeader {
    public Long timestamp;

    public GetEarliestMsgStoretimeResponseHeader() {
    }
}
