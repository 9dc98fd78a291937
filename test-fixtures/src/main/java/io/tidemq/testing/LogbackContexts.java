package io.tidemq.testing;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;

import java.lang.reflect.Field;
import java.net.URL;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/** A logging set-up as text (loggers, levels, appenders and what they write where), to compare two set-ups. */
public final class LogbackContexts {
    private LogbackContexts() {
    }

    /** A context configured from the XML at {@code url} by Joran, as logback reads it. */
    public static LoggerContext fromXml(URL url) throws JoranException {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(url);
        return context;
    }

    /** Every logger with a level or appenders, and every appender reached from them, one per line. */
    public static String describe(LoggerContext context) {
        TreeMap<String, String> lines = new TreeMap<>();
        for (Logger logger : context.getLoggerList()) {
            List<String> appenders = new ArrayList<>();
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                appenders.add(appender(it.next()));
            }
            if (logger.getLevel() != null || !appenders.isEmpty()) {
                lines.put(logger.getName(), logger.getName() + " level=" + logger.getLevel() + " additive="
                        + logger.isAdditive() + " appenders=" + appenders);
            }
        }
        return String.join("\n", lines.values());
    }

    private static String appender(Appender<ILoggingEvent> a) {
        StringBuilder b = new StringBuilder(a.getName()).append('(').append(a.getClass().getSimpleName())
                .append(" started=").append(a.isStarted());
        if (a instanceof FileAppender<ILoggingEvent> f) {
            b.append(" file=").append(f.getFile());
            if (f.getEncoder() instanceof PatternLayoutEncoder e) {
                b.append(" pattern=").append(e.getPattern()).append(" charset=").append(e.getCharset());
            }
        }
        if (a instanceof RollingFileAppender<ILoggingEvent> r) {
            if (r.getRollingPolicy() instanceof FixedWindowRollingPolicy p) {
                b.append(" rolled=").append(p.getFileNamePattern()).append(" [").append(p.getMinIndex())
                        .append(',').append(p.getMaxIndex()).append(']');
            }
            if (r.getTriggeringPolicy() instanceof SizeBasedTriggeringPolicy<ILoggingEvent> t) {
                b.append(" at=").append(maxFileSize(t));
            }
        }
        if (a instanceof AsyncAppender async) {
            b.append(" discardingThreshold=").append(async.getDiscardingThreshold()).append(" queue=")
                    .append(async.getQueueSize()).append(" to=[");
            for (Iterator<Appender<ILoggingEvent>> it = async.iteratorForAppenders(); it.hasNext(); ) {
                b.append(appender(it.next()));
            }
            b.append(']');
        }
        return b.append(')').toString();
    }

    private static Object maxFileSize(SizeBasedTriggeringPolicy<ILoggingEvent> t) {
        // the policy has a setter but no getter for its threshold
        try {
            Field f = SizeBasedTriggeringPolicy.class.getDeclaredField("maxFileSize");
            f.setAccessible(true);
            return f.get(t);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
