package io.tidemq.namesrv.startup;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** The options of {@code mqnamesrv}, as Apache RocketMQ 4.9.3 accepts them (protocol.md 8.4). */
@Command(name = "mqnamesrv", sortOptions = false,
        description = "Starts a TideMQ NameServer in the foreground (default port 9876).")
public final class NamesrvCommandLine {
    @Option(names = {"-c", "--configFile"}, paramLabel = "FILE", description = "Name server config properties file")
    public String configFile;

    @Option(names = {"-p", "--printConfigItem"}, description = "Print all config items and exit")
    public boolean printConfigItem;

    @Option(names = {"-n", "--namesrvAddr"}, paramLabel = "ADDR",
            description = "Name server address list; accepted for compatibility, a NameServer does not use it")
    public String namesrvAddr;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print help")
    public boolean help;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*",
            description = "Config items that override the file, e.g. listenPort=9877")
    public List<String> overrides = new ArrayList<>();
}
