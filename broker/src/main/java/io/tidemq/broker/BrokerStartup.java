package io.tidemq.broker;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.startup.BrokerCommandLine;
import io.tidemq.broker.config.BrokerConfiguration;
import io.tidemq.common.logging.LogbackSetup;
import io.tidemq.common.logging.ServerLogLayout;
import io.tidemq.remoting.netty.LeakDetection;
import io.tidemq.config.ConfigException;
import io.tidemq.common.config.ServerCommandLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code mqbroker}: parses the command line, binds the configuration, sets up logging and runs a broker in the
 * foreground until the JVM is asked to stop (SIGTERM shuts it down cleanly: flush, unregister, abort marker removed).
 *
 * <pre>
 * mqbroker [-c FILE] [-n 'host:port;host:port'] [-p] [-m] [-h] [key=value ...]
 * </pre>
 *
 * Unlike Apache, trailing {@code key=value} arguments are honoured (they override the file) and an unknown key or a
 * bad value stops start-up with a message naming it. Exit codes: 0 after -p/-m/-h; 1 for a bad command line or
 * configuration; 2 when the broker cannot start.
 */
public final class BrokerStartup {
    private static final String LOG_DIR_PROPERTY = "brokerLogDir";
    /** The broker's logging: conf/logback_broker.xml, its bundled copy and the set-up that copy describes. */
    public static final LogbackSetup.ServerLogs LOGS = new LogbackSetup.ServerLogs("logback_broker.xml",
            "/io/tidemq/broker/logback_broker_default.xml",
            new ServerLogLayout("Broker", "broker", LOG_DIR_PROPERTY, Map.of()));

    private BrokerStartup() {
    }

    /** What {@link #launch} ended with: an exit code, or a running broker. */
    public record Outcome(int exitCode, BrokerController controller) {
        public boolean running() {
            return controller != null;
        }
    }

    public static void main(String[] args) {
        Outcome outcome = launch(args, System.out, System.err);
        if (!outcome.running()) {
            System.exit(outcome.exitCode());
        }
    }

    public static Outcome launch(String[] args, PrintStream out, PrintStream err) {
        ServerCommandLine.Arguments cli;
        try {
            cli = BrokerCommandLine.parse(args);
        } catch (ServerCommandLine.BadCommandLine e) {
            err.println("error: " + e.getMessage());
            BrokerCommandLine.usage(err);
            return new Outcome(1, null);
        }
        if (cli.help()) {
            BrokerCommandLine.usage(out);
            return new Outcome(0, null);
        }
        // Apache's logback_broker.xml puts ${brokerLogDir} in its paths (empty unless isolateLogEnable); an
        // operator's copy of it must not log into a folder named "brokerLogDir_IS_UNDEFINED"
        System.setProperty(LOG_DIR_PROPERTY, "");
        // logging set-up is the slowest step of boot; let it overlap with binding the configuration
        LogbackSetup.PendingConfiguration logging = cli.startsServer()
                ? LogbackSetup.configureInBackground(new BrokerConfig().getRocketmqHome(), LOGS)
                : null;
        BrokerConfiguration config = new BrokerConfiguration();
        try {
            if (cli.configFile() != null) {
                config.applyFile(Path.of(cli.configFile()));
                out.println("load config properties file OK, " + cli.configFile());
            }
            for (String override : cli.overrides()) {
                config.applyOverride(override);
            }
            if (cli.namesrvAddr() != null) {
                config.broker.setNamesrvAddr(cli.namesrvAddr());
            }
            config.finish();
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return new Outcome(1, null);
        } catch (IOException e) {
            err.println("error: cannot read config file " + cli.configFile() + ": " + e);
            return new Outcome(1, null);
        }
        if (cli.printConfigItem() || cli.printImportantConfig()) {
            out.print(config.binder.toText(cli.printImportantConfig() && !cli.printConfigItem()));
            out.flush();
            return new Outcome(0, null);
        }
        return boot(config, logging, out, err);
    }

    private static Outcome boot(BrokerConfiguration config, LogbackSetup.PendingConfiguration logging,
                                PrintStream out, PrintStream err) {
        String home = config.broker.getRocketmqHome();
        String logConfig;
        if (config.broker.isIsolateLogEnable()) {
            System.setProperty(LOG_DIR_PROPERTY, config.broker.getBrokerName() + "_" + config.broker.getBrokerId());
            if (logging != null) {
                logging.await(home);
            }
            logConfig = LogbackSetup.configure(home, LOGS);
        } else {
            logConfig = logging != null ? logging.await(home) : LogbackSetup.configure(home, LOGS);
        }
        Logger log = LoggerFactory.getLogger(BrokerStartup.class);
        log.info("logging configured from {}", logConfig);
        config.binder.describe(false).forEach((k, v) -> log.info("{}={}", k, v));
        List<String> ignored = config.noEffectKeysGiven();
        if (!ignored.isEmpty()) {
            log.warn("config keys accepted for compatibility that have no effect in TideMQ (docs/configuration.md "
                    + "says why): {}", String.join(", ", ignored));
        }
        LeakDetection.disableUnlessConfigured();
        BrokerController controller = new BrokerController(config);
        try {
            if (!controller.initialize()) {
                throw new IllegalStateException("the broker could not be initialized (see broker.log)");
            }
            controller.start();
        } catch (Exception e) {
            log.error("the broker cannot start", e);
            err.println("error: " + e.getMessage());
            controller.shutdown();
            LogbackSetup.stop();
            return new Outcome(2, null);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutdown requested");
            controller.shutdown();
            log.info("the broker shut down cleanly");
            LogbackSetup.stop();
        }, "BrokerShutdownHook"));
        String line = bootLine(config);
        log.info(line);
        out.println(line);
        out.flush();
        return new Outcome(0, controller);
    }

    /** The line Apache prints once the broker serves requests (users and scripts grep for "boot success"). */
    public static String bootLine(BrokerConfiguration config) {
        String line = "The broker[" + config.broker.getBrokerName() + ", " + config.broker.getBrokerIP1() + ":"
                + config.server.getListenPort() + "] boot success. serializeType=JSON";
        String ns = config.broker.getNamesrvAddr();
        return ns == null || ns.isBlank() ? line : line + " and name server is " + ns;
    }
}
