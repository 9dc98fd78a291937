package io.tidemq.common.protocol.header.namesrv;

/** Response header of REGISTER_BROKER (103); both fields are set only for a slave whose master is live. */
public final class RegisterBrokerResponseHeader {
    public String haServerAddr;
    public String masterAddr;

    public RegisterBrokerResponseHeader() {
    }

    public RegisterBrokerResponseHeader(String haServerAddr, String masterAddr) {
        this.haServerAddr = haServerAddr;
        this.masterAddr = masterAddr;
    }
}
