package io.tidemq.common.protocol.body;

import java.util.HashSet;
import java.util.Set;

/** Answer of GET_PRODUCER_CONNECTION_LIST. */
public final class ProducerConnection {
    public Set<Connection> connectionSet = new HashSet<>();
}
