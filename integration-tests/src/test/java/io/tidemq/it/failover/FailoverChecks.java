package io.tidemq.it.failover;

import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.body.EpochEntryCache;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBrokerProcess;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the failover tests ask of the cluster and check of what consumers got. */
final class FailoverChecks {
    private FailoverChecks() {
    }

    /** The address the NameServer reports as {@code brokerName}'s brokerId 0, or null. */
    static String master(DefaultMQAdminExt admin, String brokerName) {
        try {
            BrokerData bd = admin.examineBrokerClusterInfo().getBrokerAddrTable().get(brokerName);
            return bd == null ? null : bd.getBrokerAddrs().get(0L);
        } catch (Exception e) {
            return null;
        }
    }

    static long maxOffset(DefaultMQAdminExt admin, String addr) {
        try {
            return Clients.commitLogEnd(admin, addr);
        } catch (Exception e) {
            return -1;
        }
    }

    /** A push consumer from the first offset recording key to body of everything it gets. */
    static DefaultMQPushConsumer consumer(String namesrv, String group, String topic, Map<String, String> received)
            throws Exception {
        return Clients.recordingConsumer(namesrv, group, topic, received);
    }

    /** Every acknowledged message arrives, byte for byte. */
    static void assertAllReceived(Map<String, String> acked, Map<String, String> received) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> received.keySet().containsAll(acked.keySet()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            List<String> missing = acked.keySet().stream().filter(k -> !received.containsKey(k)).sorted()
                    .limit(20).toList();
            throw new AssertionError(acked.keySet().stream().filter(k -> !received.containsKey(k)).count()
                    + " acknowledged messages not consumed, e.g. " + missing, e);
        }
        for (Map.Entry<String, String> e : acked.entrySet()) {
            assertThat(received.get(e.getKey())).as("body of %s", e.getKey()).isEqualTo(e.getValue());
        }
    }

    /** Prints the role, lease and in-sync lines of each broker's log (for the record, and to diagnose). */
    static void printRoleLines(List<io.tidemq.it.support.TideBrokerProcess> brokers) {
        for (io.tidemq.it.support.TideBrokerProcess b : brokers) {
            try {
                java.nio.file.Files.readAllLines(b.brokerLog()).stream().filter(l -> l.contains("epoch")
                        || l.contains("lease") || l.contains("in-sync") || l.contains("cut") || l.contains("WARN"))
                        .forEach(l -> System.out.println(b.address() + " " + l));
            } catch (java.io.IOException e) {
                System.out.println(b.address() + " log unreadable: " + e);
            }
            String[] out = b.output().split("\n");
            for (int i = Math.max(0, out.length - 15); i < out.length; i++) {
                System.out.println(b.address() + " stdout: " + out[i]);
            }
        }
    }

    /** A consumer from the first offset, started now, gets every acknowledged message. */
    static void assertConsumableFromTheStart(String namesrv, String group, String topic, Map<String, String> acked)
            throws Exception {
        Map<String, String> fresh = new java.util.concurrent.ConcurrentHashMap<>();
        DefaultMQPushConsumer late = consumer(namesrv, group, topic, fresh);
        try {
            assertAllReceived(acked, fresh);
        } finally {
            late.shutdown();
        }
    }

    /**
     * No send begun after {@code replacement}'s first SEND_OK was acknowledged by {@code old}: the two never
     * acknowledged in overlapping windows.
     */
    static void assertNoOverlap(List<FailoverLoad.Ack> acks, String old, String replacement) {
        long firstByReplacement = acks.stream().filter(a -> a.storeHost().equals(replacement))
                .mapToLong(FailoverLoad.Ack::endedNanos).min().orElseThrow();
        assertThat(acks.stream().filter(a -> a.storeHost().equals(old)
                && a.startedNanos() > firstByReplacement).count())
                .as("sends begun after the new master's first SEND_OK yet acknowledged by the old one").isZero();
    }

    /** The brokers' logs end at the same offset and went through the same {@code epochs} master epochs. */
    static void assertSameLogs(DefaultMQAdminExt admin, ControllerQueries queries, TideBrokerProcess a,
                               TideBrokerProcess b, int epochs) throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> maxOffset(admin, a.address()) == maxOffset(admin, b.address()));
        EpochEntryCache ea = queries.brokerEpochs(a.address());
        EpochEntryCache eb = queries.brokerEpochs(b.address());
        assertThat(ea.epochList).hasSize(epochs);
        assertThat(Json.toString(ea.epochList))
                .isEqualTo(Json.toString(eb.epochList));
    }
}
