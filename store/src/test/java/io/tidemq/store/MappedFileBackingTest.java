package io.tidemq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocks asked of the file system ahead of writes through the mapping (always, here: no disk counts as roomy) never
 * disturb data already written.
 */
class MappedFileBackingTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 31);
        }
        return b;
    }

    @Test
    void appendsAfterAReopenKeepWhatWasWrittenAndZeroOnlyPastIt() throws Exception {
        int size = 4 * 1024 * 1024;
        MappedFile f = MappedFile.open(dir.resolve("00000000000000000000").toFile(), size, Long.MAX_VALUE);
        byte[] first = bytes(300_000, 1);
        f.append(first, 0, first.length);
        f.flush();
        f.close();

        MappedFile again = MappedFile.open(dir.resolve("00000000000000000000").toFile(), size, Long.MAX_VALUE);
        again.setPositions(first.length, first.length);
        byte[] second = bytes(2_000_000, 7);
        again.append(ByteBuffer.wrap(second), 0, second.length);
        ByteBuffer m = again.mapped();
        for (int i = 0; i < first.length; i++) {
            assertThat(m.get(i)).as("byte %d of the first write", i).isEqualTo(first[i]);
        }
        for (int i = 0; i < second.length; i++) {
            assertThat(m.get(first.length + i)).isEqualTo(second[i]);
        }
        for (int i = first.length + second.length; i < size; i += 4096) {
            assertThat(m.get(i)).as("past the end").isZero();
        }
        again.close();
    }

    @Test
    void backingARangeThatHoldsDataKeepsItsBytes() throws Exception {
        MappedFile f = MappedFile.open(dir.resolve("00000000000000000000").toFile(), 1024 * 1024, Long.MAX_VALUE);
        ByteBuffer m = f.mapped();
        byte[] slots = bytes(200_000, 3);
        m.put(0, slots);
        f.ensureBackedKeepingContent(0, 200_000);
        for (int i = 0; i < slots.length; i++) {
            assertThat(m.get(i)).isEqualTo(slots[i]);
        }
        f.close();
    }
}
