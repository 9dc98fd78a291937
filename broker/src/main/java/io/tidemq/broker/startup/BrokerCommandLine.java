package io.tidemq.broker.startup;

import io.tidemq.common.config.ServerCommandLine;
import io.tidemq.common.config.ServerCommandLine.Option;

import java.io.PrintStream;
import java.util.List;

/** The options of {@code mqbroker}, as Apache RocketMQ 4.9.3 accepts them, plus trailing key=value overrides. */
public final class BrokerCommandLine {
    private static final ServerCommandLine SPEC = new ServerCommandLine("mqbroker",
            "Starts a TideMQ broker in the foreground (default port 10911).",
            List.of(new Option("-c", "configFile", "FILE", "Broker config properties file"),
                    new Option("-n", "namesrvAddr", "ADDR",
                            "Name server address list, eg: '192.168.0.1:9876;192.168.0.2:9876'"),
                    new Option("-p", "printConfigItem", null, "Print all config items and exit"),
                    new Option("-m", "printImportantConfig", null, "Print important config items and exit"),
                    new Option("-h", "help", null, "Print help")),
            "KEY=VALUE", "Config items that override the file, e.g. autoCreateTopicEnable=true");

    private BrokerCommandLine() {
    }

    public static ServerCommandLine.Arguments parse(String[] args) throws ServerCommandLine.BadCommandLine {
        return SPEC.parse(args);
    }

    public static void usage(PrintStream out) {
        SPEC.usage(out);
    }
}
