package io.tidemq.common.protocol.header.namesrv;

/** Header of WIPE_WRITE_PERM_OF_BROKER (205). Mandatory: brokerName. */
public final class WipeWritePermOfBrokerRequestHeader {
    public String brokerName;

    public WipeWritePermOfBrokerRequestHeader() {
    }

    public WipeWritePermOfBrokerRequestHeader(String brokerName) {
        this.brokerName = brokerName;
    }
}
