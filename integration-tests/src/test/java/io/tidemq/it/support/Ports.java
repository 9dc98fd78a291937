package io.tidemq.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free-port probing on loopback addresses. */
public final class Ports {
    private Ports() {
    }

    /** A port free on {@code host}. */
    public static int free(String host) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A broker port p with p-2 (fast channel), p, p+1 (HA) and p+6 (metrics by default) all free on {@code host}. */
    public static int freeBrokerPort(String host) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int p = ThreadLocalRandom.current().nextInt(20_000, 45_000);
            if (isFree(host, p - 2) && isFree(host, p) && isFree(host, p + 1) && isFree(host, p + 6)) {
                return p;
            }
        }
        throw new IllegalStateException("no free broker port triple on " + host);
    }

    private static boolean isFree(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
