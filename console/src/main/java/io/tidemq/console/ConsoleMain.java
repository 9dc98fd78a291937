package io.tidemq.console;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code mqconsole -n <namesrv list> [-p port]}: starts the web console and runs until stopped. */
@Command(name = "mqconsole", mixinStandardHelpOptions = true,
        description = "Web console of a RocketMQ 4.9 cluster (TideMQ or Apache), over the admin protocol.")
public final class ConsoleMain implements Callable<Integer> {
    @Option(names = {"-n", "--namesrvAddr"}, description = "NameServer list, host:port;host:port "
            + "(default: $NAMESRV_ADDR)")
    String namesrv = System.getenv("NAMESRV_ADDR");

    @Option(names = {"-p", "--port"}, defaultValue = "" + ConsoleConfig.DEFAULT_PORT,
            description = "HTTP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = {"-b", "--bind"}, defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}); beyond loopback a login is required")
    String bind;

    @Option(names = "--user", description = "User name of the login (default: $TIDEMQ_CONSOLE_USER)")
    String user = System.getenv("TIDEMQ_CONSOLE_USER");

    @Option(names = "--password", description = "Password of the login (default: $TIDEMQ_CONSOLE_PASSWORD)")
    String password = System.getenv("TIDEMQ_CONSOLE_PASSWORD");

    @Option(names = "--access-key", description = "ACL access key to sign admin requests with")
    String accessKey;

    @Option(names = "--secret-key", description = "ACL secret key to sign admin requests with")
    String secretKey;

    @Option(names = "--sample-seconds", defaultValue = "10",
            description = "How often TPS and lag are sampled for the charts (default ${DEFAULT-VALUE})")
    int sampleSeconds;

    @Override
    public Integer call() throws Exception {
        ConsoleConfig config = new ConsoleConfig(namesrv, bind, port, user, password, accessKey, secretKey,
                sampleSeconds);
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("mqconsole: " + p));
            return 2;
        }
        ConsoleServer server = ConsoleServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "console-shutdown"));
        System.out.printf("TideMQ console at http://%s:%d/ (cluster %s)%n", bind, server.port(), namesrv);
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConsoleMain()).execute(args));
    }
}
