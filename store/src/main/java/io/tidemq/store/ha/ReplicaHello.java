package io.tidemq.store.ha;

import java.io.DataInput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The controller-mode handshake, before any offset report or frame. The slave says a magic number no 4.9 offset
 * report can be (negative) and its brokerId; the master answers with its own magic, its master epoch and its epoch
 * history, so a slave never replicates from a deposed master or onto a log that left the master's. 4.9's HA
 * protocol is unchanged when failover is off.
 */
final class ReplicaHello {
    static final int SIZE = 16;
    private static final long MAGIC = 0xD1DE_0A11_0000_0002L;
    /** An earlier TideMQ slave's hello, without the epoch handshake: refused with a clear log line. */
    static final long OLD_MAGIC = 0xD1DE_0A11_0000_0001L;
    private static final long ANSWER_MAGIC = 0xD1DE_0A11_A000_0002L;

    private ReplicaHello() {
    }

    static void write(ByteBuffer out, long brokerId) {
        out.putLong(MAGIC).putLong(brokerId);
    }

    /** The brokerId, -1 when the bytes are no hello, -2 for the hello of an older TideMQ slave. */
    static long read(ByteBuffer in) {
        long magic = in.getLong();
        long id = in.getLong();
        if (magic == OLD_MAGIC) {
            return -2;
        }
        return magic == MAGIC && id >= 0 ? id : -1;
    }

    /** The master's answer: its epoch and where each of its log's epochs began. */
    static ByteBuffer answer(int masterEpoch, EpochHistory history) {
        ByteBuffer out = ByteBuffer.allocate(12 + history.encodedSize());
        out.putLong(ANSWER_MAGIC).putInt(masterEpoch);
        history.write(out);
        return out.flip();
    }

    /** What a slave reads back. */
    record Answer(int masterEpoch, EpochHistory history) {
    }

    static Answer readAnswer(DataInput in) throws IOException {
        long magic = in.readLong();
        if (magic != ANSWER_MAGIC) {
            throw new IOException("the master answered the replica hello with " + Long.toHexString(magic)
                    + ": not a TideMQ master in controller mode");
        }
        int epoch = in.readInt();
        return new Answer(epoch, EpochHistory.read(in));
    }
}
