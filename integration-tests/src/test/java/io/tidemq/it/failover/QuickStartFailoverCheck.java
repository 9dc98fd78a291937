package io.tidemq.it.failover;

import io.tidemq.it.support.Clients;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client side of the failover quick start (run by {@code controller-quick-start.sh}, inside its namespaces):
 * waits for a master, sends 100 SEND_OK messages, kills the master with SIGKILL, waits for the other broker to be
 * routed as master, sends 100 more and consumes all 200. Prints what it saw; exits 0 only when all 200 arrived.
 * Arguments: the NameServer, and {@code brokerAddr=pid,...} of the brokers.
 */
public final class QuickStartFailoverCheck {
    private QuickStartFailoverCheck() {
    }

    public static void main(String[] args) throws Exception {
        String namesrv = args[0];
        Map<String, Long> pids = new HashMap<>();
        for (String pair : args[1].split(",")) {
            String[] kv = pair.split("=");
            pids.put(kv[0], Long.parseLong(kv[1]));
        }
        DefaultMQAdminExt admin = Clients.admin(namesrv);
        admin.start();
        DefaultMQProducer producer = Clients.producer("PG_QUICK_START", namesrv);
        producer.setPollNameServerInterval(1000);
        producer.start();
        Map<String, String> acked = new ConcurrentHashMap<>();
        int code = 1;
        try {
            String first = awaitMaster(admin, null);
            System.out.println("master " + first);
            sendUntil(producer, acked, 0, 100);
            ProcessHandle.of(pids.get(first)).orElseThrow().destroyForcibly();
            String second = awaitMaster(admin, first);
            System.out.println("killed " + first + ", new master " + second);
            sendUntil(producer, acked, 100, 200);
            Map<String, String> received = new ConcurrentHashMap<>();
            DefaultMQPushConsumer consumer = FailoverChecks.consumer(namesrv, "CG_QUICK_START", "QuickStartTopic",
                    received);
            try {
                long deadline = System.currentTimeMillis() + 60_000;
                while (!received.keySet().containsAll(acked.keySet()) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
            } finally {
                consumer.shutdown();
            }
            boolean all = received.entrySet().containsAll(acked.entrySet()) && acked.size() == 200;
            System.out.println("acknowledged " + acked.size() + ", consumed " + received.size()
                    + (all ? ", all with their bodies" : ", SOME MISSING"));
            code = all ? 0 : 1;
        } finally {
            producer.shutdown();
            admin.shutdown();
        }
        System.exit(code);
    }

    private static String awaitMaster(DefaultMQAdminExt admin, String not) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                BrokerData bd = admin.examineBrokerClusterInfo().getBrokerAddrTable().get("broker-a");
                String m = bd == null ? null : bd.getBrokerAddrs().get(0L);
                if (m != null && !m.equals(not)) {
                    return m;
                }
            } catch (Exception e) {
                // not yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no master of broker-a other than " + not + " within 60 s");
    }

    private static void sendUntil(DefaultMQProducer producer, Map<String, String> acked, int from, int to)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        for (int i = from; i < to && System.currentTimeMillis() < deadline; ) {
            String body = "quick-start-" + i;
            Message m = new Message("QuickStartTopic", "T", body.getBytes(StandardCharsets.UTF_8));
            m.setKeys("q" + i);
            try {
                if (producer.send(m).getSendStatus() == SendStatus.SEND_OK) {
                    acked.put("q" + i, body);
                    i++;
                    continue;
                }
            } catch (Exception e) {
                // the route or the master is changing: try again
            }
            Thread.sleep(50);
        }
    }
}
