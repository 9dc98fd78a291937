package io.tidemq.common.protocol.header.controller;

/** Header of CONTROLLER_GET_NEXT_BROKER_ID (1012). */
public final class GetNextBrokerIdRequestHeader {
    public String clusterName;
    public String brokerName;
}
