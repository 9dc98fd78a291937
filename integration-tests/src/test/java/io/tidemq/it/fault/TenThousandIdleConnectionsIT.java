package io.tidemq.it.fault;

import io.tidemq.it.support.BrokerMemory;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.RawConnections;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 connections opened to a broker (256 MiB heap) that then say nothing. The broker keeps serving an official
 * producer while they are open, what they cost is measured (the "abuse:" line), and after
 * serverChannelMaxIdleTimeSeconds it closes every one of them by itself.
 */
class TenThousandIdleConnectionsIT {
    private static final int CONNECTIONS = 10_000;
    private static final int IDLE_SECONDS = 20;

    @TempDir
    Path dir;

    @Test
    void idleConnectionsCostLittleAndAreClosedAfterTheIdleTime() throws Exception {
        int metricsPort = Ports.free("127.0.0.1");
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBrokerProcess broker = new TideBrokerProcess("127.0.0.1", ns.address(), dir.resolve("b"),
                     Map.of("brokerName", "broker-idle", "metricsPort", String.valueOf(metricsPort),
                             "serverChannelMaxIdleTimeSeconds", String.valueOf(IDLE_SECONDS))).start()) {
            DefaultMQProducer producer = Clients.producer("PG_IDLE", ns.address());
            producer.start();
            BrokerMemory memory = new BrokerMemory(broker.pid(), metricsPort);
            memory.start();
            long rssBefore = rssKiB(broker.pid());
            try (RawConnections idle = new RawConnections(broker.address(), CONNECTIONS)) {
                long openedAt = System.nanoTime();
                long rssOpen = rssKiB(broker.pid());
                assertThat(idle.closedCount()).as("connections refused or dropped at once").isZero();
                for (int i = 0; i < 20; i++) {
                    assertThat(producer.send(new Message("IDLE_TOPIC", ("m" + i).getBytes())).getSendStatus())
                            .isEqualTo(SendStatus.SEND_OK);
                }
                long deadline = openedAt + TimeUnit.SECONDS.toNanos(IDLE_SECONDS + 30);
                while (idle.closedCount() < CONNECTIONS && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                double closedAfter = (System.nanoTime() - openedAt) / 1e9;
                memory.stop();
                System.out.printf("abuse: %d idle connections: broker RSS %d -> %d MiB (%.1f KiB each), peak heap "
                                + "used %d MiB, peak direct %d MiB; all closed by the broker %.0f s after opening "
                                + "(serverChannelMaxIdleTimeSeconds=%d): %d of %d%n", CONNECTIONS, rssBefore >> 10,
                        rssOpen >> 10, (rssOpen - rssBefore) / (double) CONNECTIONS, memory.peakHeapMiB(),
                        memory.peakDirectMiB(), closedAfter, IDLE_SECONDS, idle.closedCount(), CONNECTIONS);
                assertThat(idle.closedCount()).as("closed by the broker after the idle time").isEqualTo(CONNECTIONS);
                assertThat(closedAfter).isGreaterThanOrEqualTo(IDLE_SECONDS - 1);
                FaultReport.record("10,000 connections opened and left idle", TenThousandIdleConnectionsIT.class,
                        "an official producer was served meanwhile (20 SEND_OK); the broker closed all 10,000 after "
                                + "serverChannelMaxIdleTimeSeconds", 20, "-", "-",
                        String.format("RSS +%.1f KiB per connection, heap %d MiB, direct %d MiB",
                                (rssOpen - rssBefore) / (double) CONNECTIONS, memory.peakHeapMiB(),
                                memory.peakDirectMiB()));
            } finally {
                producer.shutdown();
            }
            assertThat(broker.isAlive()).isTrue();
        }
    }

    private static long rssKiB(long pid) throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
