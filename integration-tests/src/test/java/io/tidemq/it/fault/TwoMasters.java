package io.tidemq.it.fault;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBrokerProcess;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.nio.file.Path;
import java.util.Map;

/**
 * Masters broker-a (127.0.0.2) and broker-b (127.0.0.3), processes of their own registering with the given
 * NameServers every 5 s (Apache's 30 s would make the NameServer tests wait that long), and a topic on both.
 */
final class TwoMasters implements AutoCloseable {
    private final TideBrokerProcess a;
    private final TideBrokerProcess b;

    TwoMasters(String namesrv, Path dir, String topic) throws Exception {
        a = new TideBrokerProcess("127.0.0.2", namesrv, dir.resolve("a"),
                Map.of("brokerName", "broker-a", "registerNameServerPeriod", "5000")).start();
        try {
            b = new TideBrokerProcess("127.0.0.3", namesrv, dir.resolve("b"),
                    Map.of("brokerName", "broker-b", "registerNameServerPeriod", "5000")).start();
        } catch (Exception e) {
            a.close();
            throw e;
        }
        DefaultMQAdminExt admin = Clients.admin(namesrv);
        admin.start();
        try {
            admin.createAndUpdateTopicConfig(a.address(), new TopicConfig(topic, 4, 4, 6));
            admin.createAndUpdateTopicConfig(b.address(), new TopicConfig(topic, 4, 4, 6));
        } finally {
            admin.shutdown();
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            b.close();
        } finally {
            a.close();
        }
    }
}
