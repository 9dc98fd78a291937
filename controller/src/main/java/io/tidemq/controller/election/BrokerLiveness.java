package io.tidemq.controller.election;

import io.tidemq.remoting.RemoteChannel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the leading controller has heard from each replica. Kept in memory only: a new leader starts empty and
 * waits one heartbeat timeout before it takes silence for death (see {@code ControllerService}).
 */
public final class BrokerLiveness {
    private record Key(String brokerName, long brokerId) {
    }

    private final Map<Key, BrokerBeat> beats = new ConcurrentHashMap<>();

    public void heard(BrokerBeat beat) {
        beats.put(new Key(beat.brokerName(), beat.brokerId()), beat);
    }

    public BrokerBeat beat(String brokerName, long brokerId) {
        return beats.get(new Key(brokerName, brokerId));
    }

    public List<BrokerBeat> beatsOf(String brokerName) {
        List<BrokerBeat> out = new ArrayList<>();
        for (BrokerBeat b : beats.values()) {
            if (b.brokerName().equals(brokerName)) {
                out.add(b);
            }
        }
        return out;
    }

    /** Forgets the replicas that beat on {@code channel} (it closed) and returns their last beats. */
    public List<BrokerBeat> channelClosed(RemoteChannel channel) {
        List<BrokerBeat> gone = new ArrayList<>();
        beats.entrySet().removeIf(e -> {
            if (e.getValue().channel() == channel) {
                gone.add(e.getValue());
                return true;
            }
            return false;
        });
        return gone;
    }

    public void clear() {
        beats.clear();
    }
}
