package io.tidemq.broker.startup;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Configures logback for the broker process from {@code $ROCKETMQ_HOME/conf/logback_broker.xml}, or the copy in
 * the jar when there is no installation folder. Only for the {@code main} entry point.
 */
public final class BrokerLogging {
    private static final String FILE = "logback_broker.xml";
    private static final String BUNDLED = "/io/tidemq/broker/logback_broker_default.xml";

    private BrokerLogging() {
    }

    /** Returns where the configuration came from. */
    public static String configure(String rocketmqHome) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            Path file = rocketmqHome == null ? null : Path.of(rocketmqHome, "conf", FILE);
            if (file != null && Files.isRegularFile(file)) {
                configurator.doConfigure(file.toFile());
                return file.toString();
            }
            URL bundled = BrokerLogging.class.getResource(BUNDLED);
            configurator.doConfigure(bundled);
            return bundled.toString();
        } catch (JoranException e) {
            throw new IllegalStateException("bad logging configuration: " + e.getMessage(), e);
        }
    }

    /** Flushes and closes every appender (last step of shutdown). */
    public static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
