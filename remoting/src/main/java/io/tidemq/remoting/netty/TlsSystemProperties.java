package io.tidemq.remoting.netty;

import java.util.ArrayList;
import java.util.List;

/**
 * Apache RocketMQ's TLS system properties ({@code -Dtls.server.mode}, {@code -Dtls.enable}, set in JAVA_OPT). TideMQ
 * has no TLS yet, so the settings that promise encryption or refuse plain text stop start-up instead of being
 * ignored: a server told to enforce TLS must not quietly serve plain connections.
 */
public final class TlsSystemProperties {
    private TlsSystemProperties() {
    }

    /** One message per TLS setting that asks for what TideMQ cannot do; empty when there is none. */
    public static List<String> refusals() {
        List<String> out = new ArrayList<>();
        String mode = System.getProperty("tls.server.mode");
        if (mode != null && mode.trim().equalsIgnoreCase("enforcing")) {
            out.add("-Dtls.server.mode=enforcing is refused: TLS is not supported by TideMQ yet, and a server told "
                    + "to refuse plain connections must not accept them");
        }
        if (Boolean.parseBoolean(System.getProperty("tls.enable", "false").trim())) {
            out.add("-Dtls.enable=true is refused: TLS is not supported by TideMQ yet, so the server's own "
                    + "connections cannot be encrypted");
        }
        return out;
    }
}
