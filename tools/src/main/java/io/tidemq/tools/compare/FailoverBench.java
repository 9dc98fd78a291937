package io.tidemq.tools.compare;

import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The failover benchmark, the same for any system in controller mode: starts the given NameServer, controller and
 * two brokers of one group (shell commands), loads them with the official 4.9.3 producer (routes polled every
 * second), kills the master with SIGKILL at random moments and restarts it, and reports promotion (kill to the
 * route showing another master), resume (kill to the first SEND_OK of a send begun after it), rejoin (restart to the
 * restarted broker holding the master's log end) and acknowledged messages lost (not consumed afterwards).
 */
@Command(name = "failover-bench", mixinStandardHelpOptions = true,
        description = "Kill-the-master benchmark of a controller-mode broker group")
public final class FailoverBench implements Callable<Integer> {
    @Option(names = "--label", required = true, description = "Name of the system in the report")
    String label;
    @Option(names = "--work", required = true, description = "Folder for the processes' output")
    Path work;
    @Option(names = "--namesrv", required = true, description = "NameServer address the clients use")
    String namesrv;
    @Option(names = "--namesrv-cmd", required = true, description = "Shell command starting the NameServer")
    String namesrvCmd;
    @Option(names = "--controller-cmd", description = "Shell command starting the controller (if separate)")
    String controllerCmd;
    @Option(names = "--broker-cmd", required = true, arity = "2", description = "Shell commands of the two brokers")
    List<String> brokerCmds;
    @Option(names = "--broker-addr", required = true, arity = "2", description = "Their addresses, in that order")
    List<String> brokerAddrs;
    @Option(names = "--broker-name", defaultValue = "broker-a", description = "Their brokerName")
    String brokerName;
    @Option(names = "--kills", defaultValue = "10", description = "Number of kills")
    int kills;
    @Option(names = "--threads", defaultValue = "4", description = "Producer threads")
    int threads;
    @Option(names = "--settle-ms", defaultValue = "6000", description = "Before each kill, after the slave caught "
            + "up: time for the group to take it into its in-sync set (RocketMQ 5 checks every 5 s)")
    long settleMillis;
    @Option(names = "--out", description = "Markdown file a result row is appended to")
    Path out;

    private final Map<String, String> acked = new ConcurrentHashMap<>();
    private final AtomicLong markedAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong firstOkAfterMark = new AtomicLong();

    public static void main(String[] args) {
        System.exit(new CommandLine(new FailoverBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(work);
        List<AutoCloseable> started = new ArrayList<>();
        ServerProcess[] brokers = new ServerProcess[2];
        try {
            started.add(start("namesrv", namesrvCmd, "boot success"));
            if (controllerCmd != null) {
                started.add(start("controller", controllerCmd, "boot success"));
            }
            for (int i = 0; i < 2; i++) {
                brokers[i] = start("broker" + i, brokerCmds.get(i), "boot success");
            }
            return measure(brokers);
        } finally {
            for (ServerProcess b : brokers) {
                if (b != null) {
                    b.close();
                }
            }
            Collections.reverse(started);
            for (AutoCloseable c : started) {
                c.close();
            }
        }
    }

    private ServerProcess start(String name, String cmd, String bootLine) throws Exception {
        return ServerProcess.start(name, List.of("sh", "-c", cmd), work.resolve(name + ".out"), bootLine);
    }

    private int measure(ServerProcess[] brokers) throws Exception {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(5000);
        admin.setNamesrvAddr(namesrv);
        admin.setInstanceName("failover-admin-" + System.nanoTime());
        admin.start();
        DefaultMQProducer producer = new DefaultMQProducer("PG_FAILOVER_BENCH");
        producer.setNamesrvAddr(namesrv);
        producer.setInstanceName("failover-producer-" + System.nanoTime());
        producer.setPollNameServerInterval(1000);
        producer.setSendMsgTimeout(1000);
        producer.setRetryTimesWhenSendFailed(3);
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Thread> senders = new ArrayList<>();
        List<Long> promotions = new ArrayList<>();
        List<Long> resumes = new ArrayList<>();
        List<Long> rejoins = new ArrayList<>();
        try {
            String first = waitFor(() -> master(admin), 60_000, "a master of " + brokerName);
            waitFor(() -> both(admin) ? "" : null, 60_000, "both brokers in the route");
            admin.createAndUpdateTopicConfig(first, new TopicConfig("FAILOVER_BENCH", 4, 4, 6));
            producer.start();
            AtomicInteger seq = new AtomicInteger();
            for (int t = 0; t < threads; t++) {
                Thread s = new Thread(() -> {
                    while (sending.get()) {
                        send(producer, seq.getAndIncrement());
                    }
                }, "failover-sender-" + t);
                s.start();
                senders.add(s);
            }
            waitFor(() -> acked.size() > 500 ? "" : null, 60_000, "500 messages acknowledged");
            for (int k = 0; k < kills; k++) {
                String old = master(admin);
                int victim = brokerAddrs.indexOf(old);
                if (victim < 0) {
                    throw new IllegalStateException("master " + old + " is none of " + brokerAddrs);
                }
                String slave = brokerAddrs.get(1 - victim);
                long masterEnd = maxOffset(admin, old);
                waitFor(() -> maxOffset(admin, slave) >= masterEnd ? "" : null, 120_000, slave + " caught up");
                Thread.sleep(settleMillis + ThreadLocalRandom.current().nextInt(1500));
                firstOkAfterMark.set(0);
                long killed = System.nanoTime();
                brokers[victim].kill();
                // resume counts sends begun once the process is gone (one begun just before may still succeed)
                markedAt.set(System.nanoTime());
                waitFor(() -> {
                    String m = master(admin);
                    return m != null && !m.equals(old) ? m : null;
                }, 60_000, "a new master");
                promotions.add(millisSince(killed));
                waitFor(() -> firstOkAfterMark.get() != 0 ? "" : null, 60_000, "a SEND_OK after the kill");
                resumes.add((firstOkAfterMark.get() - killed) / 1_000_000);
                long restarted = System.nanoTime();
                brokers[victim] = ServerProcess.start("broker" + victim + "-" + k, List.of("sh", "-c",
                        brokerCmds.get(victim)), work.resolve("broker" + victim + "-" + k + ".out"), "boot success");
                String newMaster = master(admin);
                long target = maxOffset(admin, newMaster);
                waitFor(() -> maxOffset(admin, old) >= target ? "" : null, 120_000, old + " caught up");
                rejoins.add(millisSince(restarted));
                System.out.printf("%s kill %d: promotion %d ms, resume %d ms, rejoin %d ms%n", label, k + 1,
                        promotions.get(k), resumes.get(k), rejoins.get(k));
            }
        } finally {
            sending.set(false);
            for (Thread s : senders) {
                s.join(10_000);
            }
            producer.shutdown();
            admin.shutdown();
        }
        long lost = lost();
        String row = String.format("| %s | %d | %s | %s | %s | %d | %d |%n", label, kills, summary(promotions),
                summary(resumes), summary(rejoins), acked.size(), lost);
        System.out.print(row);
        if (out != null) {
            Files.writeString(out, row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return 0;
    }

    private void send(DefaultMQProducer producer, int i) {
        String body = "failover-bench-" + i;
        Message m = new Message("FAILOVER_BENCH", "T", body.getBytes(StandardCharsets.UTF_8));
        m.setKeys("k" + i);
        long started = System.nanoTime();
        try {
            if (producer.send(m).getSendStatus() == SendStatus.SEND_OK) {
                acked.put("k" + i, body);
                if (started > markedAt.get()) {
                    firstOkAfterMark.compareAndSet(0, System.nanoTime());
                }
            }
        } catch (Exception e) {
            // not acknowledged
        }
    }

    /** Acknowledged messages a consumer from the first offset does not get (or gets with another body). */
    private long lost() throws Exception {
        Map<String, String> received = new ConcurrentHashMap<>();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("CG_FAILOVER_BENCH_" + System.nanoTime());
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("failover-consumer-" + System.nanoTime());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe("FAILOVER_BENCH", "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                received.put(m.getKeys(), new String(m.getBody(), StandardCharsets.UTF_8));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            long quiet = System.nanoTime();
            int last = -1;
            // until everything arrived, or nothing new came for 15 s
            while (!received.keySet().containsAll(acked.keySet())
                    && System.nanoTime() - quiet < 15_000_000_000L) {
                if (received.size() != last) {
                    last = received.size();
                    quiet = System.nanoTime();
                }
                Thread.sleep(200);
            }
        } finally {
            consumer.shutdown();
        }
        return acked.entrySet().stream().filter(e -> !e.getValue().equals(received.get(e.getKey()))).count();
    }

    private String master(DefaultMQAdminExt admin) {
        try {
            BrokerData bd = admin.examineBrokerClusterInfo().getBrokerAddrTable().get(brokerName);
            return bd == null ? null : bd.getBrokerAddrs().get(0L);
        } catch (Exception e) {
            return null;
        }
    }

    private boolean both(DefaultMQAdminExt admin) {
        try {
            BrokerData bd = admin.examineBrokerClusterInfo().getBrokerAddrTable().get(brokerName);
            return bd != null && bd.getBrokerAddrs().values().containsAll(brokerAddrs);
        } catch (Exception e) {
            return false;
        }
    }

    private static long maxOffset(DefaultMQAdminExt admin, String addr) {
        try {
            return Long.parseLong(admin.fetchBrokerRuntimeStats(addr).getTable().get("commitLogMaxOffset"));
        } catch (Exception e) {
            return -1;
        }
    }

    private interface Probe {
        String get() throws Exception;
    }

    private static String waitFor(Probe probe, long timeoutMillis, String what) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String v = probe.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no " + what + " within " + timeoutMillis + " ms");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** p50 / max of a list of milliseconds. */
    private static String summary(List<Long> millis) {
        if (millis.isEmpty()) {
            return "-";
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2) + " / " + sorted.get(sorted.size() - 1) + " ms";
    }
}
