package io.tidemq.console;

import com.sun.net.httpserver.HttpExchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions of the console's one configured user: a login with the right password gets a random session cookie
 * (HttpOnly, SameSite=Strict), valid for {@value #SESSION_HOURS} hours.
 */
final class LoginGuard {
    static final String COOKIE = "TIDEMQ_CONSOLE_SESSION";
    private static final int SESSION_HOURS = 12;

    private final String user;
    private final byte[] password;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();

    LoginGuard(String user, String password) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    /** A new session's id when the credentials are right, else null. */
    String login(String givenUser, String givenPassword) {
        boolean userOk = user.equals(givenUser);
        // compared in constant time, so the time taken tells nothing about the password
        boolean passwordOk = MessageDigest.isEqual(password,
                (givenPassword == null ? "" : givenPassword).getBytes(StandardCharsets.UTF_8));
        if (!userOk || !passwordOk) {
            return null;
        }
        byte[] id = new byte[24];
        random.nextBytes(id);
        String session = HexFormat.of().formatHex(id);
        sessions.put(session, System.currentTimeMillis() + SESSION_HOURS * 3_600_000L);
        return session;
    }

    void logout(HttpExchange exchange) {
        String s = sessionOf(exchange);
        if (s != null) {
            sessions.remove(s);
        }
    }

    boolean isLoggedIn(HttpExchange exchange) {
        String s = sessionOf(exchange);
        if (s == null) {
            return false;
        }
        Long expires = sessions.get(s);
        if (expires == null || expires < System.currentTimeMillis()) {
            sessions.remove(s);
            return false;
        }
        return true;
    }

    private static String sessionOf(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(COOKIE + "=")) {
                    return p.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }
}
