package io.tidemq.store;

import java.nio.file.Path;

/**
 * Child process for {@link ProcessKilledDuringTruncationTest}: writes {@code total} records round-robin over four
 * queues, lets the checkpoint move past record {@code keep}, prints {@code CUTTING <cut> <end>}, cuts the store back
 * to where record {@code keep} begins and prints {@code CUT <nanos>}; then waits to be killed.
 */
public final class TruncatingStoreMain {
    static final String TOPIC = "CUT";
    static final int QUEUES = 4;

    private TruncatingStoreMain() {
    }

    static String body(int i) {
        return "m" + i + "-" + "x".repeat((i * 37) % 1500);
    }

    static MessageStoreConfig config(Path dir) {
        MessageStoreConfig config = Stores.tinyConfig(dir);
        config.setMappedFileSizeCommitLog(64 * 1024);
        config.setMappedFileSizeConsumeQueue(100 * ConsumeQueue.UNIT_SIZE);
        config.flush().setFlushIntervalConsumeQueue(20);
        return config;
    }

    public static void main(String[] args) throws Exception {
        int total = Integer.parseInt(args[1]);
        int keep = Integer.parseInt(args[2]);
        DefaultMessageStore store = new DefaultMessageStore(config(Path.of(args[0])));
        if (!store.load()) {
            System.exit(2);
        }
        store.start();
        long cut = -1;
        for (int i = 0; i < total; i++) {
            PutMessageResult r = store.putMessage(Stores.message(TOPIC, i % QUEUES, body(i), "KEYS", "k" + i));
            if (r.status() != PutMessageStatus.PUT_OK) {
                System.exit(3);
            }
            if (i == keep) {
                cut = r.appendResult().wroteOffset();
            }
        }
        if (!store.awaitDispatched(30_000)) {
            System.exit(4);
        }
        // two logic flush rounds: the checkpoint now promises bytes past the cut, the case a cut must survive
        Thread.sleep(200);
        System.out.println("CUTTING " + cut + " " + store.getMaxPhyOffset());
        System.out.flush();
        long t0 = System.nanoTime();
        if (!store.truncateCommitLog(cut)) {
            System.exit(5);
        }
        System.out.println("CUT " + (System.nanoTime() - t0));
        System.out.flush();
        Thread.currentThread().join();
    }
}
