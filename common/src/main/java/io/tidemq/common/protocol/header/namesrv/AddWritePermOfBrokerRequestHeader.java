package io.tidemq.common.protocol.header.namesrv;

/** Header of ADD_WRITE_PERM_OF_BROKER (327). Mandatory: brokerName. */
public final class AddWritePermOfBrokerRequestHeader {
    public String brokerName;

    public AddWritePermOfBrokerRequestHeader() {
    }

    public AddWritePermOfBrokerRequestHeader(String brokerName) {
        this.brokerName = brokerName;
    }
}
