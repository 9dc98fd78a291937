package io.tidemq.standalone;

import io.tidemq.broker.BrokerStartup;
import io.tidemq.namesrv.NamesrvStartup;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The packaging step's training run for the class-data-sharing archive ({@code lib/tidemq.jsa}): boots a NameServer
 * and a broker through their real start-up paths (command line, configuration, logging, store, remoting,
 * registration) on free loopback ports in a scratch folder, then exits. Run under
 * {@code -XX:ArchiveClassesAtExit}, the JVM writes every class those paths loaded, already parsed and verified, so
 * the servers' later boots skip that work.
 *
 * <pre>java -XX:ArchiveClassesAtExit=lib/tidemq.jsa -cp 'lib/*' io.tidemq.standalone.ClassArchiveTraining DIR</pre>
 */
public final class ClassArchiveTraining {
    private ClassArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ClassArchiveTraining <scratch folder>");
            System.exit(1);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir);
        int nsPort = freePort(0);
        int brokerPort = freePort(2);
        Path nsConf = dir.resolve("namesrv.properties");
        Files.writeString(nsConf, "bindAddress=127.0.0.1\nlistenPort=" + nsPort + "\nkvConfigPath="
                + dir.resolve("kvConfig.json") + "\nconfigStorePath=" + nsConf + "\n");
        Path brokerConf = dir.resolve("broker.properties");
        Files.writeString(brokerConf, "brokerName=training\nbindAddress=127.0.0.1\nbrokerIP1=127.0.0.1\n"
                + "brokerIP2=127.0.0.1\nlistenPort=" + brokerPort + "\nnamesrvAddr=127.0.0.1:" + nsPort + "\nstorePathRootDir="
                + dir.resolve("store") + "\nstorePathCommitLog=" + dir.resolve("store/commitlog")
                + "\nmappedFileSizeCommitLog=" + (4 * 1024 * 1024) + "\n");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int exit;
        try {
            NamesrvStartup.Outcome ns = NamesrvStartup.launch(new String[] {"-c", nsConf.toString()}, quiet,
                    System.err);
            BrokerStartup.Outcome broker = BrokerStartup.launch(new String[] {"-c", brokerConf.toString()}, quiet,
                    System.err);
            exit = ns.running() && broker.running() ? 0 : 2;
        } catch (Throwable t) {
            // a server that failed to boot may leave non-daemon threads behind: exit rather than hang the build
            t.printStackTrace();
            exit = 2;
        }
        System.out.println(exit == 0 ? "class archive training: NameServer and broker booted"
                : "class archive training: boot failed (see the output above)");
        // the shutdown hooks installed by the start-up paths stop both servers cleanly before the archive is written
        System.exit(exit);
    }

    /** A port p such that p - offset, p and p + 1 are free on loopback (the broker also takes listenPort-2, +1). */
    private static int freePort(int offset) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int p = ThreadLocalRandom.current().nextInt(40_000, 60_000);
            if (free(p - offset) && free(p) && free(p + 1)) {
                return p;
            }
        }
        throw new IOException("no free loopback port found");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
