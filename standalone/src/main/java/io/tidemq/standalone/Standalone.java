package io.tidemq.standalone;

import io.tidemq.broker.BrokerController;
import io.tidemq.broker.config.BrokerConfiguration;
import io.tidemq.common.logging.LogbackSetup;
import io.tidemq.config.ConfigException;
import io.tidemq.namesrv.config.NamesrvConfig;
import io.tidemq.namesrv.NamesrvController;
import io.tidemq.remoting.netty.NettyServerConfig;
import io.tidemq.remoting.netty.TlsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * A local NameServer and broker in one JVM, with embedded defaults and no setup: what a developer runs to try
 * TideMQ with the official client ({@code namesrvAddr=127.0.0.1:9876}).
 */
@Command(name = "tidemq-standalone", mixinStandardHelpOptions = true,
        description = "Runs a local NameServer and broker in one process until Ctrl-C.")
public final class Standalone implements Callable<Integer> {
    @Option(names = "--data", description = "Folder for the store and logs (default: ./data)")
    Path data = Path.of("data");

    @Option(names = "--host", description = "Address to bind and advertise (default: 127.0.0.1)")
    String host = "127.0.0.1";

    @Option(names = "--namesrv-port", description = "NameServer port (default: 9876)")
    int namesrvPort = 9876;

    @Option(names = "--broker-port", description = "Broker port (default: 10911)")
    int brokerPort = 10911;

    @CommandLine.Parameters(paramLabel = "KEY=VALUE", arity = "0..*",
            description = "Broker config items, e.g. flushDiskType=SYNC_FLUSH")
    List<String> overrides = new ArrayList<>();

    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) {
        System.exit(new CommandLine(new Standalone()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = data.toAbsolutePath().normalize();
        Files.createDirectories(dir.resolve("logs"));
        configureLogging(dir.resolve("logs"));

        NamesrvConfig nsConfig = new NamesrvConfig();
        nsConfig.setKvConfigPath(dir.resolve("namesrv/kvConfig.json").toString());
        nsConfig.setConfigStorePath(dir.resolve("namesrv/namesrv.properties").toString());
        NettyServerConfig nsServer = new NettyServerConfig();
        nsServer.setBindAddress(host);
        nsServer.setListenPort(namesrvPort);
        // the -Dtls.* settings, which the broker below reads too
        TlsConfig tls = TlsConfig.fromSystemProperties();
        ConfigException.throwIfAny(tls.problems());
        nsServer.setTls(tls);
        NamesrvController namesrv = new NamesrvController(nsConfig, nsServer);
        namesrv.start();

        BrokerConfiguration config = new BrokerConfiguration();
        config.applyOverride("brokerName=broker-a");
        config.applyOverride("brokerIP1=" + host);
        config.applyOverride("brokerIP2=" + host);
        config.applyOverride("bindAddress=" + host);
        config.applyOverride("listenPort=" + brokerPort);
        config.applyOverride("namesrvAddr=" + host + ":" + namesrvPort);
        config.applyOverride("storePathRootDir=" + dir.resolve("store"));
        // small files keep a laptop's disk and page cache happy; production keeps the 1 GiB default
        config.applyOverride("mappedFileSizeCommitLog=" + (128 * 1024 * 1024));
        for (String o : overrides) {
            config.applyOverride(o);
        }
        config.finish();
        BrokerController broker = new BrokerController(config);
        try {
            if (!broker.initialize()) {
                throw new IllegalStateException("the broker could not be initialized");
            }
        } catch (RuntimeException e) {
            namesrv.shutdown();
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.shutdown();
            namesrv.shutdown();
            stopped.countDown();
        }, "StandaloneShutdown"));
        System.out.println("The Name Server boot success. serializeType=JSON (" + namesrv.address() + ")");
        System.out.println("The broker[broker-a, " + broker.brokerAddr() + "] boot success. serializeType=JSON "
                + "and name server is " + host + ":" + namesrvPort);
        System.out.println("Data and logs in " + dir + ". Clients: namesrvAddr=" + host + ":" + namesrvPort
                + ". Stop with Ctrl-C.");
        stopped.await();
        return 0;
    }

    private static void configureLogging(Path logDir) {
        System.setProperty("tidemq.standalone.logdir", logDir.toString());
        LogbackSetup.configure(null, "logback_standalone.xml", "/io/tidemq/standalone/logback_standalone.xml");
    }
}
