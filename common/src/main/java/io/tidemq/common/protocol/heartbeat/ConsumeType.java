package io.tidemq.common.protocol.heartbeat;

/** Push consumers consume passively, pull consumers actively. */
public enum ConsumeType {
    CONSUME_ACTIVELY, CONSUME_PASSIVELY
}
