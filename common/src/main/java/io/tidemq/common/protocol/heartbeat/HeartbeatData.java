package io.tidemq.common.protocol.heartbeat;

import java.util.HashSet;
import java.util.Set;

/** Body of HEART_BEAT: the client id and every producer and consumer group it runs. */
public final class HeartbeatData {
    public String clientID;
    public Set<ProducerData> producerDataSet = new HashSet<>();
    public Set<ConsumerData> consumerDataSet = new HashSet<>();
}
