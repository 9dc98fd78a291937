package io.tidemq.broker.startup;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/** The options of {@code mqbroker}, as Apache RocketMQ 4.9.3 accepts them, plus trailing key=value overrides. */
@Command(name = "mqbroker", sortOptions = false,
        description = "Starts a TideMQ broker in the foreground (default port 10911).")
public final class BrokerCommandLine {
    @Option(names = {"-c", "--configFile"}, paramLabel = "FILE", description = "Broker config properties file")
    public String configFile;

    @Option(names = {"-n", "--namesrvAddr"}, paramLabel = "ADDR",
            description = "Name server address list, eg: '192.168.0.1:9876;192.168.0.2:9876'")
    public String namesrvAddr;

    @Option(names = {"-p", "--printConfigItem"}, description = "Print all config items and exit")
    public boolean printConfigItem;

    @Option(names = {"-m", "--printImportantConfig"}, description = "Print important config items and exit")
    public boolean printImportantConfig;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print help")
    public boolean help;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*",
            description = "Config items that override the file, e.g. autoCreateTopicEnable=true")
    public List<String> overrides = new ArrayList<>();
}
