package io.tidemq.remoting.netty;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Apache RocketMQ 4.9's TLS settings: the {@code tls.*} system properties (set with -D in JAVA_OPT), then the
 * file {@code tls.config.file} (default {@code /etc/rocketmq/tls.properties}), whose entries win, as in Apache. The
 * server mode and {@code tls.enable} come only from system properties, as in Apache. Immutable.
 *
 * <p>Server: {@code tls.server.mode} disabled (plain only), permissive (plain and TLS on one port, Apache's
 * default) or enforcing (TLS only). In test mode ({@code tls.test.mode.enable}, Apache's default true) the server
 * uses a self-signed certificate and asks for client certificates optionally; otherwise its certificate and key
 * come from {@code tls.server.certPath}/{@code keyPath}, client certificates are asked for per
 * {@code tls.server.need.client.auth} (none / optional / require) and checked against
 * {@code tls.server.trustCertPath} when {@code tls.server.authClient}. Client: in test mode it trusts any server;
 * otherwise it checks the server against {@code tls.client.trustCertPath} when {@code tls.client.authServer} and
 * presents {@code tls.client.certPath}/{@code keyPath} when set.
 */
public final class TlsConfig {
    /** Where a server stands on TLS. */
    public enum Mode {
        DISABLED, PERMISSIVE, ENFORCING
    }

    /** Whether a server asks connecting clients for a certificate. */
    public enum ClientAuth {
        NONE, OPTIONAL, REQUIRE
    }

    public static final String SERVER_MODE = "tls.server.mode";
    public static final String ENABLE = "tls.enable";
    public static final String CONFIG_FILE = "tls.config.file";
    static final String TEST_MODE = "tls.test.mode.enable";
    static final String NEED_CLIENT_AUTH = "tls.server.need.client.auth";
    static final String SERVER_KEY = "tls.server.keyPath";
    static final String SERVER_KEY_PASSWORD = "tls.server.keyPassword";
    static final String SERVER_CERT = "tls.server.certPath";
    static final String SERVER_AUTH_CLIENT = "tls.server.authClient";
    static final String SERVER_TRUST = "tls.server.trustCertPath";
    static final String CLIENT_KEY = "tls.client.keyPath";
    static final String CLIENT_KEY_PASSWORD = "tls.client.keyPassword";
    static final String CLIENT_CERT = "tls.client.certPath";
    static final String CLIENT_AUTH_SERVER = "tls.client.authServer";
    static final String CLIENT_TRUST = "tls.client.trustCertPath";
    private static final List<String> FILE_KEYS = List.of(TEST_MODE, NEED_CLIENT_AUTH, SERVER_KEY,
            SERVER_KEY_PASSWORD, SERVER_CERT, SERVER_AUTH_CLIENT, SERVER_TRUST, CLIENT_KEY, CLIENT_KEY_PASSWORD,
            CLIENT_CERT, CLIENT_AUTH_SERVER, CLIENT_TRUST);

    /** Plain connections only, nothing read from the environment: the default of servers built in code. */
    public static final TlsConfig DISABLED = new TlsConfig(Mode.DISABLED, true, ClientAuth.NONE, null,
            null, null, false, null, null, null, null, false, null, new ArrayList<>());

    final Mode mode;
    final boolean testMode;
    final ClientAuth needClientAuth;
    final String serverKeyPath;
    final String serverKeyPassword;
    final String serverCertPath;
    final boolean serverAuthClient;
    final String serverTrustCertPath;
    final String clientKeyPath;
    final String clientKeyPassword;
    final String clientCertPath;
    final boolean clientAuthServer;
    final String clientTrustCertPath;
    private final List<String> problems;

    private TlsConfig(Mode mode, boolean testMode, ClientAuth needClientAuth, String serverKeyPath,
                      String serverKeyPassword, String serverCertPath, boolean serverAuthClient,
                      String serverTrustCertPath, String clientKeyPath, String clientKeyPassword,
                      String clientCertPath, boolean clientAuthServer, String clientTrustCertPath,
                      List<String> problems) {
        this.mode = mode;
        this.testMode = testMode;
        this.needClientAuth = needClientAuth;
        this.serverKeyPath = serverKeyPath;
        this.serverKeyPassword = serverKeyPassword;
        this.serverCertPath = serverCertPath;
        this.serverAuthClient = serverAuthClient;
        this.serverTrustCertPath = serverTrustCertPath;
        this.clientKeyPath = clientKeyPath;
        this.clientKeyPassword = clientKeyPassword;
        this.clientCertPath = clientCertPath;
        this.clientAuthServer = clientAuthServer;
        this.clientTrustCertPath = clientTrustCertPath;
        // the list a factory fills while it checks; not changed once the factory returns
        this.problems = Collections.unmodifiableList(problems);
    }

    /** From this JVM's system properties and the file they name. */
    public static TlsConfig fromSystemProperties() {
        return from(System.getProperties());
    }

    /** From {@code props} (as system properties) and the file {@code tls.config.file} they name. */
    public static TlsConfig from(Properties props) {
        List<String> problems = new ArrayList<>();
        Properties all = new Properties();
        for (String k : props.stringPropertyNames()) {
            if (k.startsWith("tls.")) {
                all.setProperty(k, props.getProperty(k));
            }
        }
        String file = props.getProperty(CONFIG_FILE, "/etc/rocketmq/tls.properties");
        Path path = Path.of(file);
        if (Files.isRegularFile(path)) {
            Properties fromFile = new Properties();
            try (InputStream in = Files.newInputStream(path)) {
                fromFile.load(in);
                for (String k : FILE_KEYS) {
                    if (fromFile.getProperty(k) != null) {
                        all.setProperty(k, fromFile.getProperty(k).trim());
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                problems.add(CONFIG_FILE + "=" + file + " cannot be read: " + e.getMessage());
            }
        } else if (props.getProperty(CONFIG_FILE) != null) {
            problems.add(CONFIG_FILE + "=" + file + " does not exist");
        }
        Mode mode = parse(Mode.class, SERVER_MODE, all.getProperty(SERVER_MODE, "permissive"), problems);
        ClientAuth auth = parse(ClientAuth.class, NEED_CLIENT_AUTH, all.getProperty(NEED_CLIENT_AUTH, "none"),
                problems);
        boolean testMode = bool(all, TEST_MODE, true, problems);
        bool(all, ENABLE, false, problems); // read as useTLS's default by NettyClientConfig; checked here
        TlsConfig c = new TlsConfig(mode == null ? Mode.PERMISSIVE : mode, testMode, auth == null ? ClientAuth.NONE : auth, path(all, SERVER_KEY),
                all.getProperty(SERVER_KEY_PASSWORD), path(all, SERVER_CERT),
                bool(all, SERVER_AUTH_CLIENT, false, problems), path(all, SERVER_TRUST), path(all, CLIENT_KEY),
                all.getProperty(CLIENT_KEY_PASSWORD), path(all, CLIENT_CERT),
                bool(all, CLIENT_AUTH_SERVER, false, problems), path(all, CLIENT_TRUST), problems);
        c.checkFiles(problems);
        return c;
    }

    /**
     * From these {@code tls.*} settings alone (no system property), as a server started with them as -D options;
     * throws IllegalArgumentException naming every problem.
     */
    public static TlsConfig of(Map<String, String> settings) {
        Properties p = new Properties();
        p.putAll(settings);
        TlsConfig c = from(p);
        if (!c.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", c.problems()));
        }
        return c;
    }

    /** What is wrong with the settings (unknown values, missing files); empty when they can be used. */
    public List<String> problems() {
        return problems;
    }

    public Mode mode() {
        return mode;
    }

    private void checkFiles(List<String> problems) {
        // permissive without a certificate still serves plain clients, as Apache does: TLS clients are turned
        // away then (and the server says so when one comes); enforcing could serve nobody
        if (mode == Mode.ENFORCING && !testMode) {
            requireFile(SERVER_CERT, serverCertPath, "the server's certificate (PEM)", problems);
            requireFile(SERVER_KEY, serverKeyPath, "the server's private key (PKCS#8 PEM)", problems);
            if (serverAuthClient) {
                requireFile(SERVER_TRUST, serverTrustCertPath, "the certificates client certificates are checked "
                        + "against", problems);
            }
        }
        optionalFile(CLIENT_CERT, clientCertPath, problems);
        optionalFile(CLIENT_KEY, clientKeyPath, problems);
        optionalFile(CLIENT_TRUST, clientTrustCertPath, problems);
        if ((clientCertPath == null) != (clientKeyPath == null)) {
            problems.add(CLIENT_CERT + " and " + CLIENT_KEY + " go together: set both or neither");
        }
    }

    private static void requireFile(String key, String path, String what, List<String> problems) {
        if (path == null) {
            problems.add(key + " is not set: with " + SERVER_MODE + "=enforcing and " + TEST_MODE
                    + "=false the server needs " + what);
        } else {
            optionalFile(key, path, problems);
        }
    }

    private static void optionalFile(String key, String path, List<String> problems) {
        if (path != null && !new File(path).canRead()) {
            problems.add(key + "=" + path + " cannot be read");
        }
    }

    private static String path(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static boolean bool(Properties p, String key, boolean def, List<String> problems) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            problems.add(key + "=" + v + " is not true or false");
            return def;
        }
        return Boolean.parseBoolean(t);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String key, String value, List<String> problems) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        problems.add(key + "=" + value + " is not one of " + String.join(", ", names));
        return null;
    }

    @Override
    public String toString() {
        // no passwords
        return "TlsConfig[mode=" + mode + ", testMode=" + testMode + ", needClientAuth="
                + needClientAuth + ", serverCert=" + serverCertPath + ", serverAuthClient=" + serverAuthClient
                + ", clientCert=" + clientCertPath + ", clientAuthServer=" + clientAuthServer + "]";
    }
}
