package io.tidemq.namesrv;

import io.tidemq.namesrv.config.NamesrvConfig;
import io.tidemq.config.ConfigBinder;
import io.tidemq.config.ConfigException;
import io.tidemq.controller.ControllerNode;
import io.tidemq.controller.config.ControllerConfig;
import io.tidemq.controller.config.ControllerStartupConfig;
import io.tidemq.common.config.ServerCommandLine;
import io.tidemq.common.logging.LogbackSetup;
import io.tidemq.common.logging.ServerLogLayout;
import io.tidemq.remoting.netty.LeakDetection;
import io.tidemq.namesrv.startup.NamesrvCommandLine;
import io.tidemq.remoting.netty.NettyServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tidemq.config.PropertiesFiles;
import io.tidemq.remoting.netty.TlsConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code mqnamesrv}: parses the command line, binds the configuration, sets up logging and runs a NameServer in the
 * foreground until the JVM is asked to stop (SIGTERM runs a graceful shutdown).
 *
 * <pre>
 * mqnamesrv [-c FILE] [-p] [-n ADDR] [-h] [key=value ...]
 * </pre>
 *
 * Exit codes: 0 after {@code -p}/{@code -h}; 1 for a bad command line or configuration (the message names the
 * key); 2 when the NameServer cannot start (e.g. port in use).
 */
public final class NamesrvStartup {
    /** Printed to stdout and the log once the NameServer serves requests (the seed's guide greps for it). */
    public static final String BOOT_SUCCESS = "The Name Server boot success. serializeType=JSON";
    public static final int DEFAULT_PORT = 9876;
    /** The NameServer's logging: conf/logback_namesrv.xml, its bundled copy and the set-up that copy describes. */
    public static final LogbackSetup.ServerLogs LOGS = new LogbackSetup.ServerLogs("logback_namesrv.xml",
            "/io/tidemq/namesrv/logback_namesrv_default.xml", new ServerLogLayout("Namesrv", "namesrv", null, Map.of()));

    private NamesrvStartup() {
    }

    /** What {@link #launch} ended with: an exit code, or a running NameServer. */
    public record Outcome(int exitCode, NamesrvController controller) {
        public boolean running() {
            return controller != null;
        }
    }

    public static void main(String[] args) {
        Outcome outcome = launch(args, System.out, System.err);
        if (!outcome.running()) {
            System.exit(outcome.exitCode());
        }
        // the NameServer's non-daemon server threads keep the JVM alive until SIGTERM
    }

    /**
     * Runs the command line. Returns an exit code for {@code -p}, {@code -h} and every error; otherwise starts a
     * NameServer (with logging configured and a shutdown hook installed) and returns it.
     */
    public static Outcome launch(String[] args, PrintStream out, PrintStream err) {
        ServerCommandLine.Arguments cli;
        try {
            cli = NamesrvCommandLine.parse(args);
        } catch (ServerCommandLine.BadCommandLine e) {
            err.println("error: " + e.getMessage());
            NamesrvCommandLine.usage(err);
            return new Outcome(1, null);
        }
        if (cli.help()) {
            NamesrvCommandLine.usage(out);
            return new Outcome(0, null);
        }
        // logging set-up is the slowest step of boot; let it overlap with binding the configuration
        LogbackSetup.PendingConfiguration logging = cli.startsServer()
                ? LogbackSetup.configureInBackground(new NamesrvConfig().getRocketmqHome(), LOGS)
                : null;

        NamesrvConfig namesrvConfig = new NamesrvConfig();
        NettyServerConfig nettyServerConfig = new NettyServerConfig();
        nettyServerConfig.setListenPort(DEFAULT_PORT);
        // RocketMQ 5: the controller keys live in the NameServer's file when it runs a controller
        ControllerConfig controllerConfig = new ControllerConfig();
        ConfigBinder binder = new ConfigBinder(namesrvConfig, nettyServerConfig, controllerConfig);
        Set<String> givenKeys = new LinkedHashSet<>();
        try {
            if (cli.configFile() != null) {
                Properties props = PropertiesFiles.load(Path.of(cli.configFile()));
                givenKeys.addAll(props.stringPropertyNames());
                binder.apply(props);
                if (!props.containsKey("configStorePath")) {
                    namesrvConfig.setConfigStorePath(cli.configFile());
                }
                out.println("load config properties file OK, " + cli.configFile());
            }
            for (String override : cli.overrides()) {
                int eq = override.indexOf('=');
                if (eq <= 0) {
                    throw new ConfigException("argument '" + override + "' is not an option nor key=value");
                }
                givenKeys.add(override.substring(0, eq).trim());
                binder.set(override.substring(0, eq), override.substring(eq + 1));
            }
            TlsConfig tls = TlsConfig.fromSystemProperties();
            ConfigException.throwIfAny(tls.problems());
            nettyServerConfig.setTls(tls);
            if (namesrvConfig.isEnableControllerInNamesrv()) {
                controllerConfig.validate();
            }
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage()
                    + (cli.configFile() == null ? "" : " (config file " + cli.configFile() + ")"));
            return new Outcome(1, null);
        } catch (IOException e) {
            err.println("error: cannot read config file " + cli.configFile() + ": " + e);
            return new Outcome(1, null);
        }

        if (cli.printConfigItem()) {
            out.print(binder.toText(false));
            out.flush();
            return new Outcome(0, null);
        }

        return boot(namesrvConfig, nettyServerConfig, controllerConfig, binder, binder.noEffectKeys(givenKeys), cli,
                logging, out, err);
    }

    private static Outcome boot(NamesrvConfig namesrvConfig, NettyServerConfig nettyServerConfig,
                                ControllerConfig controllerConfig, ConfigBinder binder, List<String> noEffectKeys, ServerCommandLine.Arguments cli,
                                LogbackSetup.PendingConfiguration logging, PrintStream out, PrintStream err) {
        String home = namesrvConfig.getRocketmqHome();
        String logConfig = logging != null ? logging.await(home) : LogbackSetup.configure(home, LOGS);
        Logger log = LoggerFactory.getLogger(NamesrvStartup.class);
        log.info("logging configured from {}", logConfig);
        binder.describe(false).forEach((k, v) -> log.info("{}={}", k, v));
        if (!noEffectKeys.isEmpty()) {
            log.warn("config keys accepted for compatibility that have no effect in TideMQ (docs/configuration.md "
                    + "says why): {}", String.join(", ", noEffectKeys));
        }
        if (cli.namesrvAddr() != null) {
            log.info("-n {} ignored: a NameServer does not talk to other NameServers", cli.namesrvAddr());
        }

        LeakDetection.disableUnlessConfigured();
        NamesrvController controller = new NamesrvController(namesrvConfig, nettyServerConfig);
        try {
            controller.start();
        } catch (RuntimeException e) {
            log.error("the NameServer cannot start", e);
            err.println("error: " + e.getMessage());
            controller.shutdown();
            LogbackSetup.stop();
            return new Outcome(2, null);
        }
        ControllerNode failoverController = null;
        if (namesrvConfig.isEnableControllerInNamesrv()) {
            failoverController = new ControllerNode(controllerConfig, ControllerStartupConfig.DEFAULT_SCAN_MILLIS);
            try {
                failoverController.start();
            } catch (Exception e) {
                log.error("the controller of this NameServer cannot start", e);
                err.println("error: the controller cannot start: " + e.getMessage());
                failoverController.shutdown();
                controller.shutdown();
                LogbackSetup.stop();
                return new Outcome(2, null);
            }
        }
        ControllerNode embedded = failoverController;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutdown requested");
            if (embedded != null) {
                embedded.shutdown();
            }
            controller.shutdown();
            LogbackSetup.stop();
        }, "NamesrvShutdownHook"));

        log.info(BOOT_SUCCESS);
        out.println(BOOT_SUCCESS);
        out.flush();
        return new Outcome(0, controller);
    }
}
