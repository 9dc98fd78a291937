package io.tidemq.remoting.netty;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.tidemq.remoting.exception.RemotingException;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.tidemq.remoting.netty.Servers.addr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our server's TLS modes and client authentication, with our client on both sides of the handshake. */
class TlsTest {
    private static SelfSignedCertificate serverCert;
    private static SelfSignedCertificate clientCert;
    private static SelfSignedCertificate strangerCert;
    private final List<NettyRemotingServer> servers = new ArrayList<>();
    private final List<NettyRemotingClient> clients = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        serverCert = new SelfSignedCertificate("broker.test");
        clientCert = new SelfSignedCertificate("app.test");
        strangerCert = new SelfSignedCertificate("stranger.test");
    }

    @AfterEach
    void stop() {
        clients.forEach(NettyRemotingClient::shutdown);
        servers.forEach(NettyRemotingServer::shutdown);
    }

    private String server(TlsConfig tls) {
        NettyServerConfig config = Servers.serverConfig();
        config.setTls(tls);
        NettyRemotingServer server = new NettyRemotingServer(config, new RecordingListener());
        server.registerProcessor(100, new Echo(), null);
        server.start();
        servers.add(server);
        return addr(server);
    }

    private NettyRemotingClient client(TlsConfig tls) {
        NettyClientConfig config = Servers.clientConfig();
        config.setUseTLS(tls != null);
        if (tls != null) {
            config.setTls(tls);
        }
        NettyRemotingClient client = new NettyRemotingClient(config, new RecordingListener());
        client.start();
        clients.add(client);
        return client;
    }

    private static String echo(NettyRemotingClient client, String addr) throws Exception {
        RemotingCommand r = client.invokeSync(addr, RemotingCommand.createRequest(100)
                .setBody("over the wire".getBytes(StandardCharsets.UTF_8)), 3000);
        return r.getRemark() + ": " + new String(r.getBody(), StandardCharsets.UTF_8);
    }

    private static final TlsConfig TEST_MODE_CLIENT = TlsConfig.of(Map.of());

    @Test
    void permissiveServesPlainAndTlsClientsOnOnePort() throws Exception {
        String addr = server(TlsConfig.of(Map.of("tls.server.mode", "permissive")));
        assertThat(echo(client(null), addr)).isEqualTo("echo 100: over the wire");
        assertThat(echo(client(TEST_MODE_CLIENT), addr)).isEqualTo("echo 100: over the wire");
    }

    @Test
    void enforcingServesTlsClientsOnly() throws Exception {
        String addr = server(TlsConfig.of(Map.of("tls.server.mode", "enforcing")));
        assertThat(echo(client(TEST_MODE_CLIENT), addr)).isEqualTo("echo 100: over the wire");
        NettyRemotingClient plain = client(null);
        assertThatThrownBy(() -> echo(plain, addr)).isInstanceOf(RemotingException.class);
    }

    @Test
    void disabledServesPlainClientsOnly() throws Exception {
        String addr = server(TlsConfig.of(Map.of("tls.server.mode", "disabled")));
        assertThat(echo(client(null), addr)).isEqualTo("echo 100: over the wire");
        NettyRemotingClient secure = client(TEST_MODE_CLIENT);
        assertThatThrownBy(() -> echo(secure, addr)).isInstanceOf(RemotingException.class);
    }

    @Test
    void requiredClientCertificatesAreCheckedAgainstTheTrustedOnes() throws Exception {
        String addr = server(TlsConfig.of(Map.of("tls.server.mode", "enforcing", "tls.test.mode.enable", "false",
                "tls.server.certPath", serverCert.certificate().getPath(),
                "tls.server.keyPath", serverCert.privateKey().getPath(),
                "tls.server.need.client.auth", "require", "tls.server.authClient", "true",
                "tls.server.trustCertPath", clientCert.certificate().getPath())));
        TlsConfig withCert = TlsConfig.of(Map.of("tls.test.mode.enable", "false", "tls.client.authServer", "true",
                "tls.client.trustCertPath", serverCert.certificate().getPath(),
                "tls.client.certPath", clientCert.certificate().getPath(),
                "tls.client.keyPath", clientCert.privateKey().getPath()));
        assertThat(echo(client(withCert), addr)).isEqualTo("echo 100: over the wire");

        TlsConfig noCert = TlsConfig.of(Map.of("tls.test.mode.enable", "false", "tls.client.authServer", "true",
                "tls.client.trustCertPath", serverCert.certificate().getPath()));
        NettyRemotingClient anonymous = client(noCert);
        assertThatThrownBy(() -> echo(anonymous, addr)).isInstanceOf(RemotingException.class);

        TlsConfig stranger = TlsConfig.of(Map.of("tls.test.mode.enable", "false",
                "tls.client.certPath", strangerCert.certificate().getPath(),
                "tls.client.keyPath", strangerCert.privateKey().getPath()));
        NettyRemotingClient untrusted = client(stranger);
        assertThatThrownBy(() -> echo(untrusted, addr)).isInstanceOf(RemotingException.class);
    }

    @Test
    void aClientThatChecksTheServerRefusesAnUntrustedOne() throws Exception {
        String addr = server(TlsConfig.of(Map.of("tls.server.mode", "enforcing")));
        TlsConfig checking = TlsConfig.of(Map.of("tls.test.mode.enable", "false", "tls.client.authServer", "true",
                "tls.client.trustCertPath", serverCert.certificate().getPath()));
        NettyRemotingClient careful = client(checking);
        assertThatThrownBy(() -> echo(careful, addr)).isInstanceOf(RemotingException.class);
    }

    @Test
    void unusableSettingsAreNamed() {
        Properties p = new Properties();
        p.setProperty("tls.server.mode", "strict");
        p.setProperty("tls.server.need.client.auth", "always");
        p.setProperty("tls.test.mode.enable", "no");
        p.setProperty("tls.client.certPath", "/nonexistent/client.pem");
        assertThat(TlsConfig.from(p).problems()).anyMatch(s -> s.contains("tls.server.mode=strict"))
                .anyMatch(s -> s.contains("tls.server.need.client.auth=always"))
                .anyMatch(s -> s.contains("tls.test.mode.enable=no is not true or false"))
                .anyMatch(s -> s.contains("/nonexistent/client.pem cannot be read"))
                .anyMatch(s -> s.contains("go together"));
        Properties file = new Properties();
        file.setProperty("tls.config.file", "/nonexistent/tls.properties");
        assertThat(TlsConfig.from(file).problems()).singleElement().asString().contains("does not exist");
    }
}
