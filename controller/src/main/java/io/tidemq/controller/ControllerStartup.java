package io.tidemq.controller;

import ch.qos.logback.classic.Level;
import io.tidemq.common.config.ServerCommandLine;
import io.tidemq.common.config.ServerCommandLine.Option;
import io.tidemq.common.logging.LogbackSetup;
import io.tidemq.common.logging.ServerLogLayout;
import io.tidemq.config.ConfigBinder;
import io.tidemq.config.ConfigException;
import io.tidemq.config.PropertiesFiles;
import io.tidemq.controller.config.ControllerStartupConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code mqcontroller}: a standalone controller as RocketMQ 5 starts one ({@code -c controller.conf}), in the
 * foreground until SIGTERM. Exit codes: 0 after {@code -p}/{@code -h}; 1 for a bad command line or
 * configuration; 2 when it cannot start.
 */
public final class ControllerStartup {
    /** Printed once the controller serves requests. */
    public static final String BOOT_SUCCESS = "The ControllerManager boot success.";
    /** The controller's logging: conf/logback_controller.xml, its bundled copy and the set-up that copy describes. */
    public static final LogbackSetup.ServerLogs LOGS = new LogbackSetup.ServerLogs("logback_controller.xml",
            "/io/tidemq/controller/logback_controller_default.xml",
            new ServerLogLayout("Controller", "controller", null, Map.of("org.apache.ratis", Level.WARN)));
    private static final ServerCommandLine SPEC = new ServerCommandLine("mqcontroller",
            "Starts a TideMQ failover controller in the foreground.",
            List.of(new Option("-c", "configFile", "FILE", "Controller config properties file"),
                    new Option("-p", "printConfigItem", null, "Print all config items and exit"),
                    new Option("-h", "help", null, "Print help")),
            "KEY=VALUE", "Config items that override the file, e.g. controllerDLegerSelfId=n1");

    private ControllerStartup() {
    }

    public static void main(String[] args) {
        int code = launch(args, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Returns an exit code, or -1 when a controller was started and runs on. */
    public static int launch(String[] args, PrintStream out, PrintStream err) {
        ServerCommandLine.Arguments cli;
        try {
            cli = SPEC.parse(args);
        } catch (ServerCommandLine.BadCommandLine e) {
            err.println("error: " + e.getMessage());
            SPEC.usage(err);
            return 1;
        }
        if (cli.help()) {
            SPEC.usage(out);
            return 0;
        }
        ControllerStartupConfig config = new ControllerStartupConfig();
        ConfigBinder binder = new ConfigBinder(config);
        try {
            if (cli.configFile() != null) {
                Properties props = PropertiesFiles.load(Path.of(cli.configFile()));
                binder.apply(props);
                out.println("load config properties file OK, " + cli.configFile());
            }
            for (String override : cli.overrides()) {
                int eq = override.indexOf('=');
                if (eq <= 0) {
                    throw new ConfigException("argument '" + override + "' is not an option nor key=value");
                }
                binder.set(override.substring(0, eq), override.substring(eq + 1));
            }
            config.validate();
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: cannot read config file " + cli.configFile() + ": " + e);
            return 1;
        }
        if (cli.printConfigItem()) {
            out.print(binder.toText(false));
            out.flush();
            return 0;
        }
        LogbackSetup.configure(config.getRocketmqHome(), LOGS);
        Logger log = LoggerFactory.getLogger(ControllerStartup.class);
        binder.describe(false).forEach((k, v) -> log.info("{}={}", k, v));
        ControllerNode node = new ControllerNode(config.group(), config.getScanNotActiveBrokerInterval());
        try {
            node.start();
        } catch (Exception e) {
            log.error("the controller cannot start", e);
            err.println("error: " + e.getMessage());
            LogbackSetup.stop();
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutdown requested");
            node.shutdown();
            LogbackSetup.stop();
        }, "ControllerShutdownHook"));
        log.info(BOOT_SUCCESS);
        out.println(BOOT_SUCCESS);
        out.flush();
        return -1;
    }
}
