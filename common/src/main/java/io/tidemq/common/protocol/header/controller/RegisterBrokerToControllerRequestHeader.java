package io.tidemq.common.protocol.header.controller;

/** Header of CONTROLLER_REGISTER_BROKER (1003). */
public final class RegisterBrokerToControllerRequestHeader {
    public String clusterName;
    public String brokerName;
    public Long brokerId;
    public String brokerAddress;
    public Long invokeTime;
    /** TideMQ: where this broker's slaves replicate from when it is master (host:haListenPort). */
    public String haServerAddr;
}
