package io.tidemq.store;

import io.tidemq.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.tidemq.store.Stores.message;
import static org.assertj.core.api.Assertions.assertThat;

/** A full disk or an IO error refuses writes with a clear status; reads go on; nothing acknowledged is lost. */
class DiskFailureTest {
    @TempDir
    Path dir;
    volatile double diskUsed = 0.5;
    DefaultMessageStore store;

    @AfterEach
    void close() {
        store.shutdown();
    }

    private DefaultMessageStore open(MessageStoreConfig config) {
        DefaultMessageStore s = new DefaultMessageStore(config, new MutableClock(1_700_000_000_000L), d -> diskUsed);
        assertThat(s.load()).isTrue();
        s.start();
        return s;
    }

    @Test
    void fullDiskRefusesWritesUntilSpaceIsFreedAndReadsGoOn() {
        store = open(Stores.tinyConfig(dir));
        PutMessageResult before = store.putMessage(message("T", 0, "acknowledged"));
        assertThat(store.awaitDispatched(5000)).isTrue();

        diskUsed = 0.95;
        store.checkDiskNow();
        assertThat(store.isWriteRefused()).isTrue();
        assertThat(store.putMessage(message("T", 0, "refused")).status()).isEqualTo(PutMessageStatus.DISK_FULL);
        assertThat(store.runtimeInfo().get("storeWriteRefused")).isEqualTo("true");
        GetMessageResult read = store.getMessage("g", "T", 0, 0, 32, MessageFilter.ALL);
        assertThat(read.messageCount()).isEqualTo(1);
        assertThat(Stores.bodyOf(read.messages().get(0))).isEqualTo("acknowledged");
        read.release();

        diskUsed = 0.5;
        store.checkDiskNow();
        assertThat(store.isWriteRefused()).isFalse();
        PutMessageResult after = store.putMessage(message("T", 0, "accepted again"));
        assertThat(after.status()).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(after.appendResult().logicsOffset()).isEqualTo(1);
        assertThat(after.appendResult().wroteOffset()).isEqualTo(before.appendResult().endOffset());
    }

    @Test
    void failureToCreateTheNextFileRefusesWritesUntilIoWorksAgain() {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        store = open(config);
        List<AppendMessageResult> ok = new ArrayList<>();
        File blocker = new File(config.commitLogDir(), MappedFile.fileName(config.getMappedFileSizeCommitLog()));
        assertThat(blocker.mkdirs()).as("a directory where the next file must go").isTrue();
        PutMessageResult r;
        do {
            r = store.putMessage(message("T", 0, "x".repeat(500)));
            if (r.isOk()) {
                ok.add(r.appendResult());
            }
        } while (r.isOk() && ok.size() < 100);
        assertThat(r.status()).isEqualTo(PutMessageStatus.SERVICE_NOT_AVAILABLE);
        assertThat(store.isWriteRefused()).isTrue();
        assertThat(store.putMessage(message("T", 0, "y")).status()).isEqualTo(PutMessageStatus.SERVICE_NOT_AVAILABLE);
        assertThat(new String(store.lookMessageByOffset(ok.get(0).wroteOffset()).getBody(), StandardCharsets.UTF_8))
                .hasSize(500);

        assertThat(blocker.delete()).isTrue();
        store.checkDiskNow();
        assertThat(store.isWriteRefused()).isFalse();
        PutMessageResult next = store.putMessage(message("T", 0, "z"));
        assertThat(next.status()).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(next.appendResult().wroteOffset()).isEqualTo(config.getMappedFileSizeCommitLog());
        assertThat(next.appendResult().logicsOffset()).isEqualTo(ok.size());
        assertThat(store.awaitDispatched(5000)).isTrue();
        assertThat(store.getMaxOffsetInQueue("T", 0)).isEqualTo(ok.size() + 1);
    }
}
