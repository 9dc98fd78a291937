package io.tidemq.remoting.netty;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Netty SSL contexts from a {@link TlsConfig}. The server's context is made on first use, off the I/O threads:
 * in test mode that means generating a self-signed certificate, which servers that never see a TLS client (most)
 * should not pay for at boot. Thread-safe.
 */
final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);
    private static final ExecutorService MAKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "TideMQ-TlsContext");
        t.setDaemon(true);
        return t;
    });

    private final TlsConfig config;
    private CompletableFuture<SslContext> server;

    TlsContexts(TlsConfig config) {
        this.config = config;
    }

    /** The server's context, made once in the background; completes exceptionally when it cannot be made. */
    synchronized CompletableFuture<SslContext> server() {
        if (server == null) {
            server = CompletableFuture.supplyAsync(() -> {
                try {
                    SslContext c = buildServer();
                    LOG.info("TLS server context ready: {}", config);
                    return c;
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    LOG.error("TLS server context cannot be made ({}): {}", config, e.toString());
                    throw new IllegalStateException("TLS server context: " + e.getMessage(), e);
                }
            }, MAKER);
        }
        return server;
    }

    /** The context of outgoing connections. */
    SslContext client() throws IOException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        if (config.testMode || !config.clientAuthServer) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (config.clientTrustCertPath != null) {
            b.trustManager(new File(config.clientTrustCertPath));
        }
        if (!config.testMode && config.clientCertPath != null) {
            b.keyManager(new File(config.clientCertPath), new File(config.clientKeyPath), config.clientKeyPassword);
        }
        return b.build();
    }

    private SslContext buildServer() throws IOException, GeneralSecurityException {
        if (config.testMode) {
            SelfSignedCertificate self = new SelfSignedCertificate("tidemq");
            try {
                return SslContextBuilder.forServer(self.key(), self.cert()).sslProvider(SslProvider.JDK)
                        .clientAuth(io.netty.handler.ssl.ClientAuth.OPTIONAL)
                        .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            } finally {
                self.delete();
            }
        }
        if (config.serverCertPath == null || config.serverKeyPath == null) {
            throw new IllegalStateException("tls.test.mode.enable=false and no tls.server.certPath/keyPath: this "
                    + "server has no certificate and serves plain connections only");
        }
        SslContextBuilder b = SslContextBuilder.forServer(new File(config.serverCertPath),
                new File(config.serverKeyPath), config.serverKeyPassword).sslProvider(SslProvider.JDK);
        if (!config.serverAuthClient) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else {
            b.trustManager(new File(config.serverTrustCertPath));
        }
        b.clientAuth(switch (config.needClientAuth) {
            case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
            case OPTIONAL -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
            case REQUIRE -> io.netty.handler.ssl.ClientAuth.REQUIRE;
        });
        return b.build();
    }
}
