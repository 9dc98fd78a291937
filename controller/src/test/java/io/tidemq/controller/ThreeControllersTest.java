package io.tidemq.controller;

import io.tidemq.controller.config.ControllerConfig;
import io.tidemq.controller.state.CommandResult;
import io.tidemq.controller.state.ControllerCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Three controllers in one JVM: one leads, commands survive the leader's loss and a restart from disk. */
class ThreeControllersTest {
    @TempDir
    Path dir;
    private final List<ControllerNode> nodes = new ArrayList<>();
    private String peers;

    @AfterEach
    void stopAll() {
        nodes.forEach(n -> {
            if (n != null) {
                n.shutdown();
            }
        });
    }

    private ControllerNode node(int i) throws Exception {
        ControllerConfig c = new ControllerConfig();
        c.setControllerDLegerPeers(peers);
        c.setControllerDLegerSelfId("n" + i);
        c.setControllerStorePath(dir.resolve("n" + i).toString());
        ControllerNode n = new ControllerNode(c, 200);
        n.start();
        return n;
    }

    private ControllerNode leader() {
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.stream().filter(n -> n != null && n.isLeader())
                .count() == 1);
        return nodes.stream().filter(n -> n != null && n.isLeader()).findFirst().orElseThrow();
    }

    private static CommandResult submit(ControllerNode n, ControllerCommand c) throws Exception {
        return n.service().submit(c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void commandsOutliveTheLeaderAndARestart() throws Exception {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            p.append(i == 0 ? "" : ";").append("n").append(i).append("-127.0.0.1:").append(freePortPair());
        }
        peers = p.toString();
        for (int i = 0; i < 3; i++) {
            nodes.add(node(i));
        }
        ControllerNode first = leader();
        assertThat(submit(first, new ControllerCommand.ApplyBrokerId("c", "b", -1, "x", "h:1")).brokerId())
                .isEqualTo(1);
        assertThat(submit(first, new ControllerCommand.ElectMaster("b", 0, 1L)).succeeded()).isTrue();
        // every member applies it
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.stream().allMatch(n ->
                n.service().group("b") != null && n.service().group("b").masterEpoch() == 1));

        int gone = nodes.indexOf(first);
        first.shutdown();
        nodes.set(gone, null);
        ControllerNode second = leader();
        assertThat(second).isNotSameAs(first);
        assertThat(submit(second, new ControllerCommand.ApplyBrokerId("c", "b", -1, "y", "h:2")).brokerId())
                .isEqualTo(2);
        // a stale decision made before the new epoch is refused by the new leader's state machine too
        assertThat(submit(second, new ControllerCommand.ElectMaster("b", 0, 2L)).succeeded()).isFalse();

        nodes.set(gone, node(gone));
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.get(gone).service().group("b") != null
                && nodes.get(gone).service().group("b").replicas().size() == 2);
        assertThat(nodes.get(gone).service().group("b").masterBrokerId()).isEqualTo(1L);
    }

    /** A port whose next port is free too (the Raft port). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = s.getLocalPort();
            }
            if (port < 65535) {
                try (ServerSocket a = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"));
                     ServerSocket b = new ServerSocket(port + 1, 1, InetAddress.getByName("127.0.0.1"))) {
                    return a.getLocalPort();
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no free port pair");
    }
}
