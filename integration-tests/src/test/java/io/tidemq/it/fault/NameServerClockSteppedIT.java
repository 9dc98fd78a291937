package io.tidemq.it.fault;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.SteppableClock;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrvProcess;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.protocol.route.TopicRouteData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A NameServer process whose wall clock is stepped forward two days (libfaketime), far past the 120 s after which it
 * drops a broker that stopped registering. The broker registered seconds ago by the monotonic clock, so it stays in
 * the cluster and in every route through the NameServer's expiry scans that follow (Apache 4.9 drops every broker at
 * the next scan and serves empty routes until each registers again, up to 30 s later).
 */
class NameServerClockSteppedIT {
    private static final String TOPIC = "NAMESRV_CLOCK_TOPIC";

    @TempDir
    Path dir;

    @Test
    void brokersStayInTheRoutesWhenTheNameServersClockJumpsForward() throws Exception {
        SteppableClock clock = SteppableClock.create(dir.resolve("clock"));
        try (TideNamesrvProcess ns = TideNamesrvProcess.start("127.0.0.1", dir.resolve("ns"), clock);
             TideBrokerProcess broker = new TideBrokerProcess("127.0.0.2", ns.address(), dir.resolve("b"),
                     Map.of("brokerName", "broker-ns-clock")).start()) {
            DefaultMQAdminExt admin = Clients.admin(ns.address());
            admin.start();
            try {
                admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, 4, 4, 6));
                await().atMost(Duration.ofSeconds(40)).ignoreExceptions()
                        .until(() -> routed(admin) == 4);

                clock.step(Duration.ofDays(2));
                // the NameServer scans for expired brokers every 10 s: watch through two scans
                int checks = 0;
                long until = System.nanoTime() + Duration.ofSeconds(21).toNanos();
                while (System.nanoTime() < until) {
                    assertThat(admin.examineBrokerClusterInfo().getBrokerAddrTable())
                            .as("the broker is still registered").containsKey("broker-ns-clock");
                    assertThat(routed(admin)).as("the topic's route still has its queues").isEqualTo(4);
                    checks++;
                    Thread.sleep(500);
                }
                FaultReport.record("NameServer's wall clock stepped forward 2 days (libfaketime)",
                        NameServerClockSteppedIT.class, checks + " route and cluster lookups over the 21 s "
                                + "after the step (two expiry scans) all found the broker", 0, "-", "-", "-");
            } finally {
                admin.shutdown();
            }
        }
    }

    private static int routed(DefaultMQAdminExt admin) throws Exception {
        TopicRouteData route = admin.examineTopicRouteInfo(TOPIC);
        return route.getQueueDatas().stream().mapToInt(q -> q.getWriteQueueNums()).sum();
    }
}
