package io.tidemq.broker.out;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The NameServer address server of Apache RocketMQ (fetchNamesrvAddrByAddressServer): an HTTP endpoint whose body is
 * the NameServer list ({@code host:port;host:port}). The address is {@code http://<domain>:8080/rocketmq/<subgroup>},
 * or {@code http://<domain>/rocketmq/<subgroup>} when the domain carries its own port, as Apache builds it.
 */
public final class AddressServerClient {
    private static final Logger LOG = LoggerFactory.getLogger(AddressServerClient.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final URI uri;
    private final HttpClient http;

    public AddressServerClient(String domain, String subgroup) {
        String host = domain.contains(":") ? domain : domain + ":8080";
        this.uri = URI.create("http://" + host + "/rocketmq/" + subgroup);
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    public URI uri() {
        return uri;
    }

    /** The list the server answers (trimmed), or null when it cannot be reached or answers nothing usable. */
    public String fetch() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body() == null ? "" : response.body().trim();
            if (response.statusCode() != 200 || body.isEmpty()) {
                LOG.warn("address server {} answered {} with {} bytes; keeping the NameServer list", uri,
                        response.statusCode(), body.length());
                return null;
            }
            return body;
        } catch (IOException e) {
            LOG.warn("address server {} unreachable: {}", uri, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
