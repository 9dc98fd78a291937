package io.tidemq.store.ha;

import java.io.DataInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where each master epoch of a broker group's log began, oldest first (as Kafka's leader epoch cache): it says which
 * epoch wrote a given offset, and where the log of a replica that missed some epochs stops being the master's.
 */
public final class EpochHistory {
    /** An epoch history is a handful of entries; more in a handshake is a corrupt or hostile peer. */
    static final int MAX_ENTRIES = 65_536;
    static final int ENTRY_SIZE = 12;
    public static final EpochHistory EMPTY = new EpochHistory(new int[0], new long[0]);

    private final int[] epochs;
    private final long[] starts;

    private EpochHistory(int[] epochs, long[] starts) {
        this.epochs = epochs;
        this.starts = starts;
    }

    /**
     * Epoch to start offset; starts must not fall as epochs rise (an epoch begins where its predecessor's log
     * ended).
     */
    public static EpochHistory of(Map<Integer, Long> startByEpoch) {
        SortedMap<Integer, Long> sorted = new TreeMap<>(startByEpoch);
        int[] e = new int[sorted.size()];
        long[] s = new long[sorted.size()];
        int i = 0;
        for (Map.Entry<Integer, Long> entry : sorted.entrySet()) {
            e[i] = entry.getKey();
            s[i] = entry.getValue();
            i++;
        }
        return checked(e, s);
    }

    private static EpochHistory checked(int[] e, long[] s) {
        for (int i = 0; i < e.length; i++) {
            if (e[i] < 0 || s[i] < 0) {
                throw new IllegalArgumentException("negative epoch or offset: epoch " + e[i] + " at " + s[i]);
            }
            if (i > 0 && (e[i] <= e[i - 1] || s[i] < s[i - 1])) {
                throw new IllegalArgumentException("epoch " + e[i] + " at " + s[i] + " does not follow epoch "
                        + e[i - 1] + " at " + s[i - 1]);
            }
        }
        return new EpochHistory(e, s);
    }

    /** The epoch that wrote {@code offset}: the newest one begun at or before it; 0 before the first. */
    public int epochAt(long offset) {
        int found = 0;
        for (int i = 0; i < epochs.length && starts[i] <= offset; i++) {
            found = epochs[i];
        }
        return found;
    }

    /** The first epoch start beyond {@code offset}, where a frame from {@code offset} must end; MAX_VALUE if none. */
    public long nextStartAfter(long offset) {
        for (long s : starts) {
            if (s > offset) {
                return s;
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * Where a log that followed epochs up to {@code followed} stops being this one's: the start of the first later
     * epoch (MAX_VALUE when there is none). Bytes a replica holds beyond it were never acknowledged in this log.
     */
    public long divergenceAfter(int followed) {
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] > followed) {
                return starts[i];
            }
        }
        return Long.MAX_VALUE;
    }

    int encodedSize() {
        return 4 + epochs.length * ENTRY_SIZE;
    }

    void write(ByteBuffer out) {
        out.putInt(epochs.length);
        for (int i = 0; i < epochs.length; i++) {
            out.putInt(epochs[i]).putLong(starts[i]);
        }
    }

    /** Reads what {@link #write} wrote; a count out of bounds or entries out of order are refused. */
    static EpochHistory read(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ENTRIES) {
            throw new IOException("epoch history of " + n + " entries refused (at most " + MAX_ENTRIES + ")");
        }
        int[] e = new int[n];
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            e[i] = in.readInt();
            s[i] = in.readLong();
        }
        try {
            return checked(e, s);
        } catch (IllegalArgumentException bad) {
            throw new IOException("bad epoch history: " + bad.getMessage());
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < epochs.length; i++) {
            b.append(i == 0 ? "" : ", ").append(epochs[i]).append('@').append(starts[i]);
        }
        return b.append(']').toString();
    }
}
