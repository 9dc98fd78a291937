package io.tidemq.common.protocol.header.namesrv;

/** Response header of ADD_WRITE_PERM_OF_BROKER (327): how many queue entries got read-write permission. */
public final class AddWritePermOfBrokerResponseHeader {
    public Integer addTopicCount;

    public AddWritePermOfBrokerResponseHeader() {
    }

    public AddWritePermOfBrokerResponseHeader(Integer addTopicCount) {
        this.addTopicCount = addTopicCount;
    }
}
