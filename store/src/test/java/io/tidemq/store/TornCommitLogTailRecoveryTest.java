package io.tidemq.store;

import io.tidemq.common.message.MessageDecoder;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.MessageExtBatch;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.MessageSysFlag;
import io.tidemq.common.message.StoredRecord;
import io.tidemq.testing.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;

import static io.tidemq.store.Stores.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random appends (bodies of 0 bytes to 4 MiB, single and batched) under SYNC_FLUSH, of which a prefix is acknowledged
 * and the rest is written without waiting; then a crash that truncates, zeroes or scribbles over the CommitLog at a
 * random byte past the acknowledged end; then recovery. Afterwards every acknowledged record is present and
 * identical, every record served verifies, nothing intact before the damage was dropped, and consume queues and
 * index agree exactly with the recovered CommitLog, whether the process crashed alone or the machine with it.
 */
class TornCommitLogTailRecoveryTest {
    enum Mode { TRUNCATE, ZERO, GARBAGE }

    record Scenario(int fileSize, int ops, double ackedShare, double checkpointShare, Mode mode, double where,
                    int garbageLength, long seed) {
    }

    /** What we wrote: one record. */
    record Written(long offset, int size, long crc, int bodyCrc, int bodyLength, boolean acked, String topic,
                   int queueId, long queueOffset, String key) {
        long end() {
            return offset + size;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Integer> fileSize = Arbitraries.of(4 * 1024, 16 * 1024, 64 * 1024, 5 * 1024 * 1024);
        Arbitrary<Integer> ops = Arbitraries.integers().between(1, 40);
        Arbitrary<Double> share = Arbitraries.doubles().between(0, 1);
        Arbitrary<Mode> mode = Arbitraries.of(Mode.class);
        Arbitrary<Integer> garbage = Arbitraries.integers().between(1, 400);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(fileSize, ops, share, share, mode, share, garbage, seed).as(Scenario::new);
    }

    @Property(tries = 60)
    void acknowledgedRecordsSurviveAnyTornTail(@ForAll("scenarios") Scenario s) throws Exception {
        Path dir = Files.createTempDirectory("torn");
        try {
            run(s, dir);
        } finally {
            deleteRecursively(dir.toFile());
        }
    }

    /**
     * Found by the property: the garbage lands in the store-time field of the last record, which survives (the 4.9
     * format has no checksum there) with a time far in the past. The index file's time range must not shrink.
     */
    @Example
    void aSurvivingRecordWithADamagedStoreTimeLeavesEarlierKeysFindable() throws Exception {
        acknowledgedRecordsSurviveAnyTornTail(new Scenario(5 * 1024 * 1024, 10, 0.88, 0.74, Mode.GARBAGE, 0.12, 31,
                -2));
    }

    /** Found by the property (CI seed 1038522221799409543): garbage in the first record's header. */
    @Example
    void garbageInTheFirstRecordsHeaderLeavesTheNextKeyFindable() throws Exception {
        acknowledgedRecordsSurviveAnyTornTail(new Scenario(4096, 2, 0.0, 0.0, Mode.GARBAGE, 0.04, 9, -1172));
    }

    private static MessageStoreConfig config(Path dir, int fileSize) {
        MessageStoreConfig c = Stores.tinyConfig(dir);
        c.setMappedFileSizeCommitLog(fileSize);
        c.flush().setFlushDiskType(FlushDiskType.SYNC_FLUSH);
        c.index().setMaxHashSlotNum(8);
        c.index().setMaxIndexNum(16);
        return c;
    }

    /** Mostly small bodies; some up to the file size; a few up to (and just past) the 4 MiB record limit. */
    private static int bodySize(Random r, int fileSize) {
        int p = r.nextInt(100);
        if (p < 65) {
            return r.nextInt(300);
        } else if (p < 85) {
            return r.nextInt(Math.min(20_000, fileSize));
        } else if (p < 95) {
            return r.nextInt(fileSize / 2);
        }
        return r.nextInt(4 * 1024 * 1024 + 1024);
    }

    private void run(Scenario s, Path dir) throws Exception {
        MessageStoreConfig config = config(dir, s.fileSize());
        DefaultMessageStore store = Stores.open(config);
        Random random = new Random(s.seed());
        int acked = (int) Math.round(s.ackedShare() * s.ops());
        int checkpointAt = Math.min(acked, (int) Math.floor(s.checkpointShare() * (acked + 1)));
        List<Written> written = new ArrayList<>();
        for (int op = 0; op < s.ops(); op++) {
            if (op == checkpointAt) {
                store.flushLogicsNow();
            }
            boolean wait = op < acked;
            String topic = random.nextBoolean() ? "A" : "B";
            int queueId = random.nextInt(3);
            int batch = random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 0;
            PutMessageResult r;
            if (batch == 0) {
                byte[] body = new byte[bodySize(random, s.fileSize())];
                random.nextBytes(body);
                MessageExtBrokerInner m = message(topic, queueId, body, "KEYS", "k" + op + "_0",
                        "TAGS", "t" + op % 3, "WAIT", Boolean.toString(wait));
                if (random.nextInt(10) == 0) {
                    m.setSysFlag(MessageSysFlag.TRANSACTION_PREPARED_TYPE);
                }
                r = store.putMessage(m);
                int recordSize = 91 + body.length + 1 + m.getPropertiesString().length();
                if (recordSize > config.getMaxMessageSize() || recordSize + 8 > s.fileSize()) {
                    assertThat(r.status()).as("oversized record refused").isEqualTo(PutMessageStatus.MESSAGE_ILLEGAL);
                    continue;
                }
            } else {
                List<String> bodies = new ArrayList<>();
                List<String> props = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    bodies.add("b" + op + "_" + i + "_" + "z".repeat(random.nextInt(200)));
                    props.add(Stores.props("KEYS", "k" + op + "_" + i, "TAGS", "t" + op % 3));
                }
                MessageExtBatch b = Stores.batch(topic, queueId, bodies, props, Stores.props("WAIT",
                        Boolean.toString(wait)));
                r = store.putMessage(b);
            }
            assertThat(r.status()).as("op %d", op).isEqualTo(PutMessageStatus.PUT_OK);
            long at = r.appendResult().wroteOffset();
            for (int i = 0; i < r.appendResult().msgNum(); i++) {
                Written w = capture(store, at, wait);
                written.add(w);
                at = w.end();
            }
        }
        long ackedEnd = 0;
        for (Written w : written) {
            if (w.acked()) {
                ackedEnd = Math.max(ackedEnd, w.end());
            }
        }
        long writtenEnd = store.getMaxPhyOffset();
        store.crashForTest();
        // half the runs crash the machine too (the abort marker names another boot): unsynced index pages untrusted
        boolean machineCrashed = (s.seed() & 1) == 0;
        if (machineCrashed) {
            Files.writeString(Path.of(config.abortFile()), "another-boot");
        }
        Statistics.label("crash").collect(machineCrashed ? "machine" : "process");

        long damageFrom = ackedEnd + (long) Math.floor(s.where() * (writtenEnd - ackedEnd + 1));
        long damageTo = s.mode() == Mode.GARBAGE ? damageFrom + s.garbageLength() : Long.MAX_VALUE;
        if (Damage.fileAt(config, damageFrom).exists()) {
            switch (s.mode()) {
                case TRUNCATE -> Damage.truncateAt(config, damageFrom);
                case ZERO -> Damage.zeroFrom(config, damageFrom);
                case GARBAGE -> Damage.garbage(config, damageFrom, s.garbageLength(), random);
                default -> throw new IllegalStateException();
            }
        }
        long damageEnd = s.mode() == Mode.GARBAGE
                ? Math.min(damageTo, damageFrom - damageFrom % s.fileSize() + s.fileSize()) : Long.MAX_VALUE;

        DefaultMessageStore recovered = new DefaultMessageStore(config, new MutableClock(1_900_000_000_000L),
                d -> 0.1);
        assertThat(recovered.load()).as("recovery succeeds").isTrue();
        recovered.start();
        try {
            long end = recovered.getMaxPhyOffset();
            long modified = written.stream().filter(w -> w.end() <= end && !intact(recovered, w)).count();
            verify(recovered, written, damageFrom, damageEnd);
            long dropped = written.stream().filter(w -> w.offset() >= end).count();
            Statistics.label("records dropped by recovery").collect(dropped == 0 ? "none" : dropped == 1 ? "1" : ">1");
            Statistics.label("damage").collect(s.mode() + (damageFrom >= writtenEnd ? " past the end" : " in data"));
            Statistics.label("files").collect(written.isEmpty() ? 0 : written.get(written.size() - 1).end()
                    / s.fileSize() + 1 > 1 ? "rolled" : "one file");
            Statistics.label("damaged record still served (unchecked fields)").collect(modified > 0);
            Statistics.label("largest record").collect(written.stream().mapToInt(Written::size).max().orElse(0)
                    > 1024 * 1024 ? "> 1 MiB" : "<= 1 MiB");
        } finally {
            recovered.shutdown();
        }
    }

    private static Written capture(DefaultMessageStore store, long offset, boolean acked) {
        SelectMappedBufferResult r = store.selectOneMessageByOffset(offset);
        assertThat(r).as("record at %d readable after append", offset).isNotNull();
        try {
            ByteBuffer b = r.buffer().duplicate();
            MessageExt m = MessageDecoder.decode(b.duplicate(), false, false);
            int bodyLength = b.getInt(StoredRecord.bodyLengthPos(m.getSysFlag()));
            return new Written(offset, r.size(), crcOf(b), m.getBodyCRC(), bodyLength, acked, m.getTopic(),
                    m.getQueueId(), m.getQueueOffset(), m.getKeys());
        } finally {
            r.release();
        }
    }

    private static long crcOf(ByteBuffer b) {
        CRC32 crc = new CRC32();
        crc.update(b.duplicate());
        return crc.getValue();
    }

    /** A recovered record as read back from the CommitLog. */
    record Found(long offset, int size, long crc, MessageExt msg) {
    }

    private static void verify(DefaultMessageStore store, List<Written> written, long damageFrom, long damageEnd) {
        List<Found> found = scanCommitLog(store);
        Map<Long, Written> byOffset = new HashMap<>();
        written.forEach(w -> byOffset.put(w.offset(), w));

        // Every record served is one we wrote, at the same place, and verifies (own offset, magic, body CRC: the
        // scan checks them). It is identical, unless the damage hit it in fields the 4.9 format has no checksum
        // for (properties, hosts, times, flags): then its length, body and body CRC are still the written ones.
        for (Found f : found) {
            Written w = byOffset.get(f.offset());
            assertThat(w).as("recovered record at %d was written there", f.offset()).isNotNull();
            assertThat(f.size()).isEqualTo(w.size());
            if (f.crc() != w.crc()) {
                assertThat(damageFrom).as("changed record at %d lies in the damaged range", f.offset())
                        .isGreaterThanOrEqualTo(w.offset()).isLessThan(w.end());
                assertThat(f.msg().getBodyCRC()).isEqualTo(w.bodyCrc());
                assertThat(f.msg().getBody()).hasSize(w.bodyLength());
            }
        }
        long end = store.getMaxPhyOffset();
        for (Written w : written) {
            boolean damaged = w.end() > damageFrom && w.offset() < damageEnd;
            if (w.acked()) {
                assertThat(byCrc(found, w)).as("acknowledged record at %d survives intact", w.offset()).isTrue();
            }
            if (w.end() <= damageFrom) {
                assertThat(byCrc(found, w)).as("intact record at %d before the damage survives", w.offset())
                        .isTrue();
            }
            if (!damaged && w.end() <= end) {
                assertThat(byCrc(found, w)).as("undamaged record at %d inside the recovered log", w.offset())
                        .isTrue();
            }
        }

        // Consume queues and index agree with the recovered log.
        assertThat(store.awaitDispatched(10_000)).isTrue();
        // A queue's first unit may start anywhere; after it only the next offset is accepted.
        Map<String, List<Found>> perQueue = new java.util.TreeMap<>();
        Map<String, Long> firstOffset = new HashMap<>();
        for (String t : new String[]{"A", "B"}) {
            for (int q = 0; q < 3; q++) {
                perQueue.put(t + "/" + q, new ArrayList<>());
                firstOffset.put(t + "/" + q, 0L);
            }
        }
        Map<String, Long> nextOffset = new HashMap<>();
        for (Found f : found) {
            int type = MessageSysFlag.transactionType(f.msg().getSysFlag());
            if (type != MessageSysFlag.TRANSACTION_NOT_TYPE && type != MessageSysFlag.TRANSACTION_COMMIT_TYPE) {
                continue;
            }
            Written w = byOffset.get(f.offset());
            if (!f.msg().getTopic().equals(w.topic()) || f.msg().getQueueId() != w.queueId()
                    || f.msg().getQueueOffset() != w.queueOffset()) {
                // Damage in the unchecked queue fields: nothing can tell where this record belonged.
                continue;
            }
            String k = f.msg().getTopic() + "/" + f.msg().getQueueId();
            long q = f.msg().getQueueOffset();
            Long next = nextOffset.get(k);
            if (next == null || q == next) {
                if (next == null) {
                    firstOffset.put(k, q);
                }
                perQueue.computeIfAbsent(k, x -> new ArrayList<>()).add(f);
                nextOffset.put(k, q + 1);
            }
        }
        for (Map.Entry<String, List<Found>> e : perQueue.entrySet()) {
            String topic = e.getKey().substring(0, e.getKey().lastIndexOf('/'));
            int q = Integer.parseInt(e.getKey().substring(e.getKey().lastIndexOf('/') + 1));
            List<Found> expected = e.getValue();
            long first = firstOffset.get(e.getKey());
            assertThat(store.getMaxOffsetInQueue(topic, q)).as("units of %s", e.getKey())
                    .isEqualTo(expected.isEmpty() ? 0 : first + expected.size());
            for (int i = 0; i < expected.size(); i++) {
                Found f = expected.get(i);
                ConsumeQueue.Unit u = store.queues().find(topic, q).unit(first + i);
                assertThat(u.phyOffset()).isEqualTo(f.offset());
                assertThat(u.size()).isEqualTo(f.size());
                String tags = f.msg().getTags();
                assertThat(u.tagsCode()).isEqualTo(tags == null ? 0 : tags.hashCode());
            }
            List<Long> served = new ArrayList<>();
            long next = store.getMinOffsetInQueue(topic, q);
            while (next < store.getMaxOffsetInQueue(topic, q)) {
                GetMessageResult r = store.getMessage("g", topic, q, next, 32, MessageFilter.ALL);
                assertThat(r.status()).isEqualTo(GetMessageStatus.FOUND);
                r.messages().forEach(m -> served.add(m.startOffset()));
                next = r.nextBeginOffset();
                r.release();
            }
            assertThat(served).containsExactlyElementsOf(expected.stream().map(Found::offset).toList());
        }
        for (Found f : found) {
            String key = f.msg().getKeys();
            if (key != null && f.crc() == byOffset.get(f.offset()).crc()) {
                List<Long> hits = offsets(store.queryMessage(f.msg().getTopic(), key, 8, 0, Long.MAX_VALUE));
                assertThat(hits).as("index finds %s", key).containsExactly(f.offset());
            }
        }
        for (Written w : written) {
            if (w.offset() >= end) {
                assertThat(offsets(store.queryMessage(w.topic(), w.key(), 8, 0, Long.MAX_VALUE)))
                        .as("no index hit for the dropped %s", w.key()).isEmpty();
            }
        }

        // The store keeps going from where the log now ends.
        PutMessageResult after = store.putMessage(message("A", 0, "after recovery"));
        assertThat(after.status()).isEqualTo(PutMessageStatus.PUT_OK);
        assertThat(after.appendResult().logicsOffset()).isEqualTo(perQueue.get("A/0").size());
    }

    private static boolean intact(DefaultMessageStore store, Written w) {
        SelectMappedBufferResult r = store.selectOneMessageByOffset(w.offset());
        if (r == null) {
            return false;
        }
        try {
            return crcOf(r.buffer()) == w.crc();
        } finally {
            r.release();
        }
    }

    private static boolean byCrc(List<Found> found, Written w) {
        for (Found f : found) {
            if (f.offset() == w.offset()) {
                return f.crc() == w.crc();
            }
        }
        return false;
    }

    private static List<Long> offsets(QueryMessageResult q) {
        List<Long> out = new ArrayList<>();
        q.messages().forEach(m -> out.add(m.startOffset()));
        q.release();
        return out;
    }

    /** Walks the whole recovered CommitLog with checks of our own: magic, size, own offset, body CRC. */
    private static List<Found> scanCommitLog(DefaultMessageStore store) {
        List<Found> out = new ArrayList<>();
        long at = store.getMinPhyOffset();
        int fileSize = store.config().getMappedFileSizeCommitLog();
        while (at < store.getMaxPhyOffset()) {
            SelectMappedBufferResult data = store.getCommitLogData(at);
            assertThat(data).as("log readable at %d", at).isNotNull();
            try {
                ByteBuffer b = data.buffer();
                int pos = 0;
                boolean blank = false;
                while (pos < data.size() && !blank) {
                    int total = b.getInt(pos);
                    int magic = b.getInt(pos + 4);
                    if (magic == StoredRecord.BLANK_MAGIC) {
                        assertThat((at + pos) % fileSize + total).isEqualTo(fileSize);
                        blank = true;
                        continue;
                    }
                    assertThat(magic).isEqualTo(StoredRecord.MESSAGE_MAGIC);
                    ByteBuffer rec = b.slice(pos, total);
                    MessageExt m = MessageDecoder.decode(rec.duplicate(), true, false);
                    assertThat(m).as("record at %d decodes", at + pos).isNotNull();
                    assertThat(m.getCommitLogOffset()).isEqualTo(at + pos);
                    CRC32 crc = new CRC32();
                    crc.update(m.getBody());
                    assertThat(m.getBodyCRC()).as("body CRC at %d", at + pos)
                            .isEqualTo((int) (crc.getValue() & 0x7FFFFFFF));
                    out.add(new Found(at + pos, total, crcOf(rec), m));
                    pos += total;
                }
                at = blank ? at - at % fileSize + fileSize : at + pos;
            } finally {
                data.release();
            }
        }
        return out;
    }

    private static void deleteRecursively(File f) throws IOException {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteRecursively(c);
            }
        }
        Files.deleteIfExists(f.toPath());
    }
}
