package io.tidemq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cutting an index file back to the entries before a CommitLog offset, chains repaired. */
class IndexFileTruncationTest {
    private static final int SLOTS = 2;
    private static final int MAX = 64;

    @TempDir
    Path dir;

    private static List<Long> find(IndexFile f, String key) {
        List<Long> out = new ArrayList<>();
        f.collect(key, 100, 0, Long.MAX_VALUE, out);
        return out;
    }

    @Test
    void entriesAtOrPastTheOffsetGoAndEveryChainStillReachesTheOlderOnes() throws Exception {
        IndexFile f = IndexFile.open(dir.resolve("20231114221320000").toFile(), SLOTS, MAX);
        for (int i = 0; i < 20; i++) {
            // two slots: every chain runs through many keys, so a cut lands in the middle of chains
            assertThat(f.put("k" + i, 1000L + 100L * i, 1_700_000_000_000L + i)).isTrue();
        }
        int dropped = f.truncateTo(1000L + 100L * 12);
        assertThat(dropped).isEqualTo(8);
        assertThat(f.indexCount()).isEqualTo(13);
        assertThat(f.endPhyOffset()).isEqualTo(1000L + 100L * 11);
        for (int i = 0; i < 20; i++) {
            assertThat(find(f, "k" + i)).as("k%d", i).isEqualTo(i < 12 ? List.of(1000L + 100L * i) : List.of());
        }
        // new entries chain onto the kept ones
        assertThat(f.put("k12", 5000L, 1_700_000_000_100L)).isTrue();
        assertThat(find(f, "k12")).containsExactly(5000L);
        assertThat(find(f, "k10")).containsExactly(2000L);
        assertThat(find(f, "k11")).containsExactly(2100L);
        f.close();
    }

    @Test
    void aChainACrashLeftPointingAtAnUncountedEntryIsRepointed() throws Exception {
        File file = dir.resolve("20231114221320000").toFile();
        IndexFile f = IndexFile.open(file, SLOTS, MAX);
        for (int i = 0; i < 6; i++) {
            f.put("k" + i, 1000L + 100L * i, 1_700_000_000_000L);
        }
        int count = f.indexCount();
        int slot = IndexFile.keyHash("k4") % SLOTS;
        f.flush();
        f.close();
        // a put killed after writing its entry and its slot, before the header's count
        try (FileChannel ch = FileChannel.open(file.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.allocate(4);
            ch.read(head, IndexFile.HEADER_SIZE + slot * 4L);
            int oldHead = head.flip().getInt();
            ByteBuffer entry = ByteBuffer.allocate(IndexFile.ENTRY_SIZE);
            entry.putInt(IndexFile.keyHash("k4")).putLong(9000L).putInt(0).putInt(oldHead).flip();
            ch.write(entry, IndexFile.HEADER_SIZE + SLOTS * 4L + (long) count * IndexFile.ENTRY_SIZE);
            ch.write(ByteBuffer.allocate(4).putInt(count).flip(), IndexFile.HEADER_SIZE + slot * 4L);
        }
        IndexFile reopened = IndexFile.open(file, SLOTS, MAX);
        assertThat(find(reopened, "k4")).as("the chain is unreadable before the repair").isEmpty();
        assertThat(reopened.truncateTo(Long.MAX_VALUE)).isZero();
        assertThat(find(reopened, "k4")).containsExactly(1400L);
        for (int i = 0; i < 6; i++) {
            assertThat(find(reopened, "k" + i)).containsExactly(1000L + 100L * i);
        }
        reopened.close();
    }
}
