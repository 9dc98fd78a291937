package io.tidemq.store;

import io.tidemq.common.message.MessageExtBrokerInner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process for {@link ProcessKilledDuringSyncFlushTest}: appends under SYNC_FLUSH from several threads forever
 * and prints {@code ACK <offset> <thread> <seq>} for each append as soon as it is acknowledged.
 */
public final class SyncFlushAppenderMain {
    private SyncFlushAppenderMain() {
    }

    static String body(int thread, int seq) {
        return "w" + thread + "-" + seq + "-" + "p".repeat((thread * 131 + seq * 17) % 900);
    }

    public static void main(String[] args) throws Exception {
        MessageStoreConfig config = Stores.tinyConfig(Path.of(args[0]));
        config.setMappedFileSizeCommitLog(64 * 1024);
        config.flush().setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        config.flush().setFlushIntervalConsumeQueue(50);
        DefaultMessageStore store = new DefaultMessageStore(config);
        if (!store.load()) {
            System.exit(2);
        }
        store.start();
        int threads = Integer.parseInt(args[1]);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                for (int seq = 0; ; seq++) {
                    MessageExtBrokerInner m = Stores.message("K", thread, body(thread, seq).getBytes(
                            StandardCharsets.UTF_8), "KEYS", "t" + thread + "s" + seq);
                    PutMessageResult r = store.putMessage(m);
                    if (r.status() == PutMessageStatus.PUT_OK) {
                        String line = "ACK " + r.appendResult().wroteOffset() + " " + thread + " " + seq;
                        synchronized (System.out) {
                            System.out.println(line);
                            System.out.flush();
                        }
                    }
                }
            }, "writer-" + t);
            w.start();
        }
        Thread.currentThread().join();
    }
}
