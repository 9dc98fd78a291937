package io.tidemq.namesrv.route;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Controller mode: the newest master epoch registered per broker name. A master of an older epoch (a deposed one
 * that has not learnt it yet) is not admitted, so the route never points clients back at it; each newer epoch is
 * handed to a recorder, which keeps it across a restart of the NameServer. Thread-safe.
 */
public final class MasterEpochs {
    private static final Logger LOG = LoggerFactory.getLogger(MasterEpochs.class);

    private final Map<String, Integer> newest = new HashMap<>();
    private BiConsumer<String, Integer> recorder = (name, epoch) -> { };

    /**
     * Starts from the epochs a previous run recorded and records each newer one with {@code recorder}: a restarted
     * NameServer would otherwise take whichever master registers first, a deposed one included.
     */
    public synchronized void remember(Map<String, Integer> recorded, BiConsumer<String, Integer> recorder) {
        newest.putAll(recorded);
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /** Forgets the newest epoch of {@code brokerName}: its next master to register is taken, whatever its epoch. */
    public synchronized void forget(String brokerName) {
        if (newest.remove(brokerName) != null) {
            LOG.info("master epoch of {} forgotten: the next master to register is taken", brokerName);
        }
    }

    /** Whether {@code brokerAddr} may register as master of {@code brokerName} in {@code epoch}. */
    synchronized boolean admit(String brokerName, String brokerAddr, int epoch) {
        Integer known = newest.get(brokerName);
        if (known != null && epoch < known) {
            LOG.warn("refused {} as master of {} in epoch {}: epoch {} is registered", brokerAddr, brokerName, epoch,
                    known);
            return false;
        }
        if (known == null || epoch != known) {
            newest.put(brokerName, epoch);
            recorder.accept(brokerName, epoch);
        }
        return true;
    }
}
