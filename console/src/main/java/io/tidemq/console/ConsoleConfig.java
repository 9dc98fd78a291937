package io.tidemq.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the console is started with: the cluster (NameServer list, ACL credentials to sign with), where it listens
 * and who may log in. {@link #problems()} lists what stops it from starting.
 */
public record ConsoleConfig(String namesrvAddr, String bindAddress, int port, String user, String password,
                            String accessKey, String secretKey, int sampleSeconds) {
    public static final int DEFAULT_PORT = 8080;

    /** A login is asked for when a user is configured; it must be, when the console listens beyond loopback. */
    public boolean loginRequired() {
        return user != null && !user.isEmpty();
    }

    public boolean signsRequests() {
        return accessKey != null && !accessKey.isEmpty();
    }

    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (namesrvAddr == null || namesrvAddr.isBlank()) {
            out.add("the NameServer list is required (-n host:port;host:port)");
        }
        if (port < 0 || port > 65535) {
            out.add("the port must be within 0..65535, got " + port);
        }
        if (loginRequired() != (password != null && !password.isEmpty())) {
            out.add("--user and --password go together");
        }
        if (signsRequests() != (secretKey != null && !secretKey.isEmpty())) {
            out.add("--access-key and --secret-key go together");
        }
        if (sampleSeconds <= 0) {
            out.add("the sample interval must be positive, got " + sampleSeconds);
        }
        try {
            if (!InetAddress.getByName(bindAddress).isLoopbackAddress() && !loginRequired()) {
                out.add("listening on " + bindAddress + " (beyond loopback) needs a login: set --user and --password");
            }
        } catch (UnknownHostException e) {
            out.add("unknown bind address " + bindAddress);
        }
        return out;
    }
}
