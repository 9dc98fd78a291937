package io.tidemq.namesrv.startup;

import io.tidemq.common.config.ServerCommandLine;
import io.tidemq.common.config.ServerCommandLine.Option;

import java.io.PrintStream;
import java.util.List;

/** The options of {@code mqnamesrv}, as Apache RocketMQ 4.9.3 accepts them (protocol.md 8.4). */
public final class NamesrvCommandLine {
    private static final ServerCommandLine SPEC = new ServerCommandLine("mqnamesrv",
            "Starts a TideMQ NameServer in the foreground (default port 9876).",
            List.of(new Option("-c", "configFile", "FILE", "Name server config properties file"),
                    new Option("-p", "printConfigItem", null, "Print all config items and exit"),
                    new Option("-n", "namesrvAddr", "ADDR",
                            "Name server address list; accepted for compatibility, a NameServer does not use it"),
                    new Option("-h", "help", null, "Print help")),
            "KEY=VALUE", "Config items that override the file, e.g. listenPort=9877");

    private NamesrvCommandLine() {
    }

    public static ServerCommandLine.Arguments parse(String[] args) throws ServerCommandLine.BadCommandLine {
        return SPEC.parse(args);
    }

    public static void usage(PrintStream out) {
        SPEC.usage(out);
    }
}
