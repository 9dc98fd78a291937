package io.tidemq.store.ha;

import java.nio.ByteBuffer;

/**
 * The first bytes a slave sends in controller mode, before its offset reports: a magic number no 4.9 offset report
 * can be (negative), then its brokerId. 4.9's HA protocol is unchanged when failover is off.
 */
final class ReplicaHello {
    static final int SIZE = 16;
    private static final long MAGIC = 0xD1DE_0A11_0000_0001L;

    private ReplicaHello() {
    }

    static void write(ByteBuffer out, long brokerId) {
        out.putLong(MAGIC).putLong(brokerId);
    }

    /** The brokerId, or -1 when the bytes are no hello. */
    static long read(ByteBuffer in) {
        long magic = in.getLong();
        long id = in.getLong();
        return magic == MAGIC && id >= 0 ? id : -1;
    }
}
