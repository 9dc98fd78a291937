package io.tidemq.broker.acl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.tidemq.common.json.Json;

import java.nio.charset.StandardCharsets;

/** An access key and secret the broker signs its own requests with (innerClientAuthenticationCredentials). */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class ClientCredentials {
    public String accessKey;
    public String secretKey;

    /** Parses {@code {"accessKey":"...","secretKey":"..."}}; null for blank; throws AclException if malformed. */
    public static ClientCredentials parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        ClientCredentials c;
        try {
            c = Json.fromBytes(json.getBytes(StandardCharsets.UTF_8), ClientCredentials.class);
        } catch (RuntimeException e) {
            // the message could quote the secret
            throw new AclException("innerClientAuthenticationCredentials is not JSON of the form "
                    + "{\"accessKey\":\"...\",\"secretKey\":\"...\"}");
        }
        if (c == null || c.accessKey == null || c.accessKey.isBlank() || c.secretKey == null
                || c.secretKey.isBlank()) {
            throw new AclException("innerClientAuthenticationCredentials needs both accessKey and secretKey");
        }
        return c;
    }

    @Override
    public String toString() {
        return "ClientCredentials[accessKey=" + accessKey + "]";
    }
}
