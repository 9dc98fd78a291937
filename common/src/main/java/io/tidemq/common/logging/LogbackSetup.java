package io.tidemq.common.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Configures logback for a server process the way Apache RocketMQ does: from {@code $ROCKETMQ_HOME/conf/<file>},
 * falling back to a copy bundled in the jar when there is no installation folder (e.g. {@code java -cp ...}).
 * Only for {@code main} entry points; libraries log through SLF4J and leave configuration to the application.
 */
public final class LogbackSetup {
    private LogbackSetup() {
    }

    /**
     * @param rocketmqHome     installation folder, may be null
     * @param fileName         e.g. {@code logback_namesrv.xml}
     * @param fallbackResource class-path resource used when {@code rocketmqHome/conf/fileName} does not exist
     * @return where the configuration came from, for the log
     */
    public static String configure(String rocketmqHome, String fileName, String fallbackResource) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            Path file = rocketmqHome == null ? null : Path.of(rocketmqHome, "conf", fileName);
            if (file != null && Files.isRegularFile(file)) {
                configurator.doConfigure(file.toFile());
                return file.toString();
            }
            URL bundled = LogbackSetup.class.getResource(fallbackResource);
            if (bundled == null) {
                throw new IllegalStateException("no logging configuration: neither " + file + " nor "
                        + fallbackResource + " exists");
            }
            configurator.doConfigure(bundled);
            return bundled.toString();
        } catch (JoranException e) {
            throw new IllegalStateException("bad logging configuration: " + e.getMessage(), e);
        }
    }

    /** Flushes and closes every appender; call last in a shutdown hook so asynchronous appenders lose nothing. */
    public static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
