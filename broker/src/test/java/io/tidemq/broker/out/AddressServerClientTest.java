package io.tidemq.broker.out;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The NameServer list from an address server, as fetchNamesrvAddrByAddressServer reads it. */
class AddressServerClientTest {
    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>("127.0.0.1:9876;127.0.0.2:9876\n");
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> path = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            path.set(exchange.getRequestURI().getPath());
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String domain() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aDomainWithoutPortUsesApachesPort8080() {
        assertThat(new AddressServerClient("jmenv.tbsite.net", "nsaddr").uri())
                .hasToString("http://jmenv.tbsite.net:8080/rocketmq/nsaddr");
    }

    @Test
    void theListIsReadFromTheSubgroupPathWithoutTheNewline() {
        AddressServerClient client = new AddressServerClient(domain(), "cluster-a");
        assertThat(client.fetch()).isEqualTo("127.0.0.1:9876;127.0.0.2:9876");
        assertThat(path.get()).isEqualTo("/rocketmq/cluster-a");
        assertThat(BrokerOuterAPI.parseAddrs(client.fetch())).containsExactly("127.0.0.1:9876", "127.0.0.2:9876");
    }

    @Test
    void anErrorOrEmptyAnswerKeepsTheCurrentList() {
        AddressServerClient client = new AddressServerClient(domain(), "nsaddr");
        status.set(500);
        assertThat(client.fetch()).isNull();
        status.set(200);
        body.set("  \n");
        assertThat(client.fetch()).isNull();
    }

    @Test
    void anUnreachableServerKeepsTheCurrentList() throws IOException {
        String gone = domain();
        server.stop(0);
        assertThat(new AddressServerClient(gone, "nsaddr").fetch()).isNull();
        server = HttpServer.create(); // for @AfterEach
    }
}
