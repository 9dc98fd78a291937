package io.tidemq.it.failover;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tidemq.it.failover.FailoverChecks.master;
import static io.tidemq.it.failover.FailoverChecks.maxOffset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The master frozen with SIGSTOP for twice and five times the heartbeat timeout (3 s), under load, then SIGCONT:
 * its lease runs out before the controller elects its slave, so no send begun after the new master's first
 * acknowledgement is acknowledged by the old one; woken, it learns it was replaced, cuts back what only it held,
 * rejoins the in-sync set as a slave and ends with the master's log end; nothing acknowledged is lost.
 */
class MasterPausedIsFencedIT {
    private static final String TOPIC = "PAUSED_TOPIC";
    private static final long TIMEOUT_MILLIS = 3000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {2, 5})
    void aFrozenMasterIsFencedAndRejoinsAsSlave(int timeouts) throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             ControllerFixture controllers = new ControllerFixture(dir.resolve("ctl"), "127.0.0.1").start();
             ControllerQueries queries = new ControllerQueries(controllers.addresses())) {
            Map<String, String> settings = MasterKilledUnderLoadFailsOverIT.controllerMode("broker-p",
                    controllers.controllerAddr());
            settings.put("controllerHeartBeatTimeoutMills", String.valueOf(TIMEOUT_MILLIS));
            try (TideBrokerProcess b1 = new TideBrokerProcess("127.0.0.2", ns.address(), dir.resolve("b1"), settings)
                    .start();
                 TideBrokerProcess b2 = new TideBrokerProcess("127.0.0.3", ns.address(), dir.resolve("b2"), settings)
                         .start()) {
                DefaultMQAdminExt admin = Clients.admin(ns.address());
                admin.start();
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> master(admin, "broker-p") != null
                            && queries.inSyncAlive("broker-p") == 2);
                    String old = master(admin, "broker-p");
                    TideBrokerProcess frozen = old.equals(b1.address()) ? b1 : b2;
                    String replacement = frozen == b1 ? b2.address() : b1.address();
                    admin.createAndUpdateTopicConfig(old, new TopicConfig(TOPIC, 4, 4, 6));
                    Map<String, String> acked;
                    List<FailoverLoad.Ack> acks;
                    Map<String, Long> outcomes;
                    try (FailoverLoad load = new FailoverLoad(ns.address(), TOPIC, 4)) {
                        acked = load.acked();
                        await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() > 300);
                        frozen.freeze();
                        long stopped = load.mark();
                        await().atMost(Duration.ofSeconds(20)).until(() -> replacement.equals(master(admin,
                                "broker-p")));
                        long pausedMillis = timeouts * TIMEOUT_MILLIS - (System.nanoTime() - stopped) / 1_000_000;
                        Thread.sleep(Math.max(0, pausedMillis));
                        frozen.thaw();
                        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                                .until(() -> queries.inSyncAlive("broker-p") == 2);
                        int after = acked.size();
                        await().atMost(Duration.ofSeconds(20)).until(() -> acked.size() > after + 200);
                        acks = List.copyOf(load.acks());
                        outcomes = load.outcomes();
                    }
                    long firstByReplacement = acks.stream().filter(a -> a.storeHost().equals(replacement))
                            .mapToLong(FailoverLoad.Ack::endedNanos).min().orElseThrow();
                    assertThat(acks.stream().filter(a -> a.storeHost().equals(frozen.address())
                            && a.startedNanos() > firstByReplacement).count())
                            .as("sends begun after the new master's first SEND_OK yet acknowledged by the old one")
                            .isZero();
                    assertThat(master(admin, "broker-p")).isEqualTo(replacement);
                    await().atMost(Duration.ofSeconds(30)).until(() -> maxOffset(admin, b1.address())
                            == maxOffset(admin, b2.address()));
                    FailoverChecks.assertConsumableFromTheStart(ns.address(), "CG_PAUSED", TOPIC, acked);
                    FaultReport.record(
                            "master frozen (SIGSTOP) for " + timeouts + "x the controllers' heartbeat timeout "
                                    + "under load",
                            MasterPausedIsFencedIT.class,
                            "sends ended " + outcomes + "; no SEND_OK from the old master for a send begun after "
                                    + "the new one's first; the old master rejoined as slave",
                            acked.size(),
                            "0 (consumed from the start, bodies compared)", "-", "-");
                } finally {
                    admin.shutdown();
                }
            }
        }
    }
}
