package io.tidemq.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a queue without units starts: at the offset its first record claims, unless that claim is impossible or the
 * next record of the queue contradicts it. The queue offset is a field the 4.9 record format does not checksum, so
 * a torn tail can leave a record whose body verifies and whose queue offset is garbage (found by
 * {@link TornCommitLogTailRecoveryTest}).
 */
class ConsumeQueueStartTest {
    private static final int RECORD = 200;

    @TempDir
    Path dir;
    ConsumeQueue cq;

    @AfterEach
    void close() {
        cq.close();
    }

    private ConsumeQueue open() throws Exception {
        cq = new ConsumeQueue("T", 1, dir.resolve("T/1").toFile(), 20 * 64);
        cq.load();
        return cq;
    }

    @Test
    void aQueueStartsWhereItsFirstRecordSays() throws Exception {
        open();
        assertThat(cq.putUnit(7, 10 * RECORD, RECORD, 0)).isTrue();
        assertThat(cq.putUnit(8, 11 * RECORD, RECORD, 0)).isTrue();
        assertThat(cq.minOffset()).isEqualTo(7);
        assertThat(cq.maxOffset()).isEqualTo(9);
        assertThat(cq.unit(8).phyOffset()).isEqualTo(11 * RECORD);
    }

    @Test
    void aFirstRecordClaimingMoreEarlierRecordsThanTheLogCanHoldStartsNothing() throws Exception {
        open();
        // 66,709,569,480,425,472 earlier records of at least 92 bytes cannot lie in the first 2,000 bytes
        assertThat(cq.putUnit(66_709_569_480_425_472L, 10 * RECORD, RECORD, 0)).isFalse();
        assertThat(cq.putUnit(0, 11 * RECORD, RECORD, 0)).isTrue();
        assertThat(cq.putUnit(1, 12 * RECORD, RECORD, 0)).isTrue();
        assertThat(cq.minOffset()).isZero();
        assertThat(cq.maxOffset()).isEqualTo(2);
        assertThat(cq.unit(0).phyOffset()).isEqualTo(11 * RECORD);
    }

    @Test
    void aLoneStartContradictedByTheNextRecordIsReplacedByIt() throws Exception {
        open();
        // the damaged record claims 9 (possible at this position), the intact ones after it 3 and 4
        assertThat(cq.putUnit(9, 10 * RECORD, RECORD, 0)).isTrue();
        assertThat(cq.putUnit(3, 11 * RECORD, RECORD, 0)).isTrue();
        assertThat(cq.putUnit(4, 12 * RECORD, RECORD, 0)).isTrue();
        assertThat(cq.minOffset()).isEqualTo(3);
        assertThat(cq.maxOffset()).isEqualTo(5);
        assertThat(cq.unit(3).phyOffset()).isEqualTo(11 * RECORD);
        assertThat(cq.unit(4).phyOffset()).isEqualTo(12 * RECORD);
    }

    @Test
    void aConfirmedStartIsNeverReplaced() throws Exception {
        open();
        assertThat(cq.putUnit(9, 10 * RECORD, RECORD, 0)).isTrue();
        assertThat(cq.putUnit(10, 11 * RECORD, RECORD, 0)).isTrue();
        // a record re-dispatched from before the queue's start is skipped, the queue stays as it is
        assertThat(cq.putUnit(3, 5 * RECORD, RECORD, 0)).isFalse();
        assertThat(cq.minOffset()).isEqualTo(9);
        assertThat(cq.maxOffset()).isEqualTo(11);
        assertThat(cq.unit(9).phyOffset()).isEqualTo(10 * RECORD);
    }

    @Test
    void aQueueStartingAtZeroNeedsNoConfirmation() throws Exception {
        open();
        assertThat(cq.putUnit(0, 10 * RECORD, RECORD, 0)).isTrue();
        // a record claiming an offset before 0 cannot come; one claiming an existing unit is a re-dispatch
        assertThat(cq.putUnit(0, 10 * RECORD, RECORD, 0)).isFalse();
        assertThat(cq.maxOffset()).isEqualTo(1);
        assertThat(cq.unit(0).phyOffset()).isEqualTo(10 * RECORD);
    }
}
