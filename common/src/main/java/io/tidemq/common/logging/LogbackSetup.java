package io.tidemq.common.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Configures logback for a server process the way Apache RocketMQ does: from {@code $ROCKETMQ_HOME/conf/<file>},
 * falling back to a copy bundled in the jar when there is no installation folder (e.g. {@code java -cp ...}).
 * Only for {@code main} entry points; libraries log through SLF4J and leave configuration to the application.
 */
public final class LogbackSetup {
    private static final String CONFIG_PROPERTY = "logback.configurationFile";
    private static boolean firstUse = true;

    private LogbackSetup() {
    }

    /**
     * A server's logging configuration: the file name looked for in {@code $ROCKETMQ_HOME/conf}, the class-path copy
     * used when there is none, and the set-up that copy describes (null: always read the XML).
     */
    public record ServerLogs(String fileName, String fallbackResource, ServerLogLayout layout) {
    }

    /**
     * Same as {@link #configure(String, ServerLogs)} for a configuration that is always read as XML.
     */
    public static String configure(String rocketmqHome, String fileName, String fallbackResource) {
        return configure(rocketmqHome, new ServerLogs(fileName, fallbackResource, null));
    }

    /**
     * Configures logging from {@code rocketmqHome/conf/<fileName>}, or the bundled copy when that file does not
     * exist. When the file says no more than the bundled copy (comments and spacing aside), the set-up is built in
     * code from {@code logs.layout()} instead of by Joran, which saves a large part of boot time.
     *
     * @param rocketmqHome installation folder, may be null
     * @return where the configuration came from, for the log
     */
    public static synchronized String configure(String rocketmqHome, ServerLogs logs) {
        Path file = rocketmqHome == null ? null : Path.of(rocketmqHome, "conf", logs.fileName());
        URL source = source(file, logs.fallbackResource());
        if (logs.layout() != null && BundledConfiguration.same(source, logs.fallbackResource())) {
            firstUse = false;
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            logs.layout().apply(context);
            failOnErrors(context);
            return describe(file, source);
        }
        if (firstUse && System.getProperty(CONFIG_PROPERTY) == null) {
            // logback configures itself on first use; pointing it at our file saves a second, throw-away
            // configuration (a measurable part of boot time)
            System.setProperty(CONFIG_PROPERTY, source.toString());
        }
        firstUse = false;
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (source.toString().equals(System.getProperty(CONFIG_PROPERTY))) {
            System.clearProperty(CONFIG_PROPERTY);
            if (sameUrl(source, ConfigurationWatchListUtil.getMainWatchURL(context))) {
                failOnErrors(context);
                return describe(file, source);
            }
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            configurator.doConfigure(source);
        } catch (JoranException e) {
            throw new IllegalStateException("bad logging configuration: " + e.getMessage(), e);
        }
        return describe(file, source);
    }

    /**
     * Starts {@link #configure(String, ServerLogs)} on its own thread so that it overlaps with argument parsing and
     * configuration binding; {@link PendingConfiguration#await} returns what {@code configure} returned.
     */
    public static PendingConfiguration configureInBackground(String rocketmqHome, ServerLogs logs) {
        FutureTask<String> task = new FutureTask<>(() -> configure(rocketmqHome, logs));
        Thread t = new Thread(task, "LogbackSetup");
        t.setDaemon(true);
        t.start();
        return new PendingConfiguration(rocketmqHome, logs, task);
    }

    /** A logging configuration under way; see {@link #configureInBackground}. */
    public static final class PendingConfiguration {
        private final String rocketmqHome;
        private final ServerLogs logs;
        private final FutureTask<String> task;

        private PendingConfiguration(String rocketmqHome, ServerLogs logs, FutureTask<String> task) {
            this.rocketmqHome = rocketmqHome;
            this.logs = logs;
            this.task = task;
        }

        /**
         * Waits for the background configuration; configures again when the final configuration names another
         * installation folder than the one guessed at start (a {@code rocketmqHome} key in the properties file).
         */
        public String await(String finalRocketmqHome) {
            String result;
            try {
                result = task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while configuring logging", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
            if (!Objects.equals(rocketmqHome, finalRocketmqHome)) {
                return configure(finalRocketmqHome, logs);
            }
            return result;
        }
    }

    /** Flushes and closes every appender; call last in a shutdown hook so asynchronous appenders lose nothing. */
    public static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    private static URL source(Path file, String fallbackResource) {
        if (file != null && Files.isRegularFile(file)) {
            try {
                return file.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("bad logging configuration path " + file, e);
            }
        }
        URL bundled = LogbackSetup.class.getResource(fallbackResource);
        if (bundled == null) {
            throw new IllegalStateException("no logging configuration: neither " + file + " nor "
                    + fallbackResource + " exists");
        }
        return bundled;
    }

    private static boolean sameUrl(URL a, URL b) {
        return b != null && a.toString().equals(b.toString());
    }

    private static void failOnErrors(LoggerContext context) {
        if (new StatusUtil(context).getHighestLevel(0) >= Status.ERROR) {
            throw new IllegalStateException("bad logging configuration: see the logback status messages above");
        }
    }

    private static String describe(Path file, URL source) {
        return file != null && Files.isRegularFile(file) ? file.toString() : source.toString();
    }
}
