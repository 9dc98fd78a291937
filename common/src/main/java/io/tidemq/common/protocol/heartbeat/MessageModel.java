package io.tidemq.common.protocol.heartbeat;

/** Whether a group shares its queues (CLUSTERING) or every consumer reads everything (BROADCASTING). */
public enum MessageModel {
    BROADCASTING, CLUSTERING
}
