package io.tidemq.common.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The logging set-up that a server's bundled {@code logback_<server>.xml} describes, built in code: the server's own
 * messages ({@code io.tidemq}) through an asynchronous appender named {@code appenderName} into {@code <stem>.log},
 * everything else into {@code <stem>_default.log}, each rolled at 100 MB into five gzip files under
 * {@code otherdays/}, in {@code ~/logs/rocketmqlogs} (or a sub-folder named by the system property
 * {@code dirProperty}).
 *
 * <p>{@link LogbackSetup} uses it instead of the XML when the configuration file in use says no more than the bundled
 * one: Joran's XML processing is the longest single step of a server's boot. Each server's test checks that this and
 * its XML give the same appenders, files and levels.
 *
 * @param appenderName the asynchronous appender's name, e.g. {@code Broker} ({@code BrokerFile} for its file)
 * @param stem         the log files' name, e.g. {@code broker}
 * @param dirProperty  system property naming a sub-folder (Apache's {@code brokerLogDir}), or null
 * @param levels       levels of other loggers, e.g. {@code org.apache.ratis -> WARN}
 */
public record ServerLogLayout(String appenderName, String stem, String dirProperty, Map<String, Level> levels) {
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %thread - %msg%n";

    /** Replaces whatever {@code context} was configured with by this layout. */
    public void apply(LoggerContext context) {
        context.reset();
        String dir = System.getProperty("user.home") + "/logs/rocketmqlogs/"
                + (dirProperty == null ? "" : System.getProperty(dirProperty, "") + "/");
        RollingFileAppender<ILoggingEvent> own = rollingFile(context, appenderName + "File", dir, stem);
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(appenderName);
        async.setDiscardingThreshold(0);
        async.addAppender(own);
        async.start();
        Logger tidemq = context.getLogger("io.tidemq");
        tidemq.setLevel(Level.INFO);
        tidemq.setAdditive(false);
        tidemq.addAppender(async);
        levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(rollingFile(context, "DefaultFile", dir, stem + "_default"));
    }

    private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context, String name, String dir,
                                                                  String file) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setFile(dir + file + ".log");
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dir + "otherdays/" + file + ".%i.log.gz");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("100MB"));
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.setCharset(StandardCharsets.UTF_8);
        appender.setEncoder(encoder);
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        encoder.start();
        rolling.start();
        trigger.start();
        appender.start();
        return appender;
    }
}
