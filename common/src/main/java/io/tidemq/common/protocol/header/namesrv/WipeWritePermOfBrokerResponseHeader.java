package io.tidemq.common.protocol.header.namesrv;

/** Response header of WIPE_WRITE_PERM_OF_BROKER (205): how many queue entries lost their write bit. */
public final class WipeWritePermOfBrokerResponseHeader {
    public Integer wipeTopicCount;

    public WipeWritePermOfBrokerResponseHeader() {
    }

    public WipeWritePermOfBrokerResponseHeader(Integer wipeTopicCount) {
        this.wipeTopicCount = wipeTopicCount;
    }
}
