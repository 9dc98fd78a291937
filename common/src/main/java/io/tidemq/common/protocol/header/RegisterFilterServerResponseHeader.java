package io.tidemq.common.protocol.header;

/** Response header of REGISTER_FILTER_SERVER: which broker the filter server now serves. */
public class RegisterFilterServerResponseHeader {
    public String brokerName;
    public long brokerId;

    public RegisterFilterServerResponseHeader() {
    }
}
