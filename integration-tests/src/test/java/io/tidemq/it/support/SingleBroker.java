package io.tidemq.it.support;

import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.nio.file.Path;
import java.util.Map;

/**
 * The fixture many tests share: a NameServer, one broker with default settings, a started producer and a started
 * admin client; closing stops all four.
 */
public final class SingleBroker implements AutoCloseable {
    public final TideNamesrv namesrv;
    public final TideBroker broker;
    public final DefaultMQProducer producer;
    public final DefaultMQAdminExt admin;

    private SingleBroker(TideNamesrv namesrv, TideBroker broker, DefaultMQProducer producer,
                         DefaultMQAdminExt admin) {
        this.namesrv = namesrv;
        this.broker = broker;
        this.producer = producer;
        this.admin = admin;
    }

    /** Starts everything under {@code dir}; the producer belongs to {@code producerGroup}. */
    public static SingleBroker start(Path dir, String producerGroup) throws MQClientException {
        TideNamesrv namesrv = new TideNamesrv(dir.resolve("ns"));
        TideBroker broker = new TideBroker(namesrv.address(), dir.resolve("b"), Map.of());
        DefaultMQProducer producer = Clients.producer(producerGroup, namesrv.address());
        producer.start();
        DefaultMQAdminExt admin = Clients.admin(namesrv.address());
        admin.start();
        return new SingleBroker(namesrv, broker, producer, admin);
    }

    @Override
    public void close() {
        admin.shutdown();
        producer.shutdown();
        broker.close();
        namesrv.close();
    }
}
