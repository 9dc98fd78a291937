package io.tidemq.common.message;

/**
 * A batch on its way into the store: {@link #getBody()} holds the client's batch encoding (protocol.md 4.2);
 * {@link #getPropertiesString()} the batch-level properties appended to each message's own.
 */
public class MessageExtBatch extends MessageExtBrokerInner {
}
