package io.tidemq.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One API call: its query parameters and, for POST, its JSON body. */
final class ApiRequest {
    private final Map<String, String> params;
    private final JsonNode body;

    private ApiRequest(Map<String, String> params, JsonNode body) {
        this.params = params;
        this.body = body;
    }

    static ApiRequest of(HttpExchange exchange, ObjectMapper json) throws IOException {
        Map<String, String> params = parseQuery(exchange.getRequestURI().getRawQuery());
        JsonNode body = null;
        if ("POST".equals(exchange.getRequestMethod())) {
            byte[] bytes = exchange.getRequestBody().readNBytes(1 << 20);
            if (bytes.length > 0) {
                try {
                    body = json.readTree(bytes);
                } catch (IOException e) {
                    throw new ApiException(400, "the request body is not JSON: " + e.getMessage());
                }
            }
        }
        return new ApiRequest(params, body);
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A parameter (query string first, then the JSON body) that must be present and not blank. */
    String required(String name) {
        String v = optional(name, null);
        if (v == null || v.isBlank()) {
            throw new ApiException(400, "'" + name + "' is required");
        }
        return v.trim();
    }

    String optional(String name, String fallback) {
        String v = params.get(name);
        if (v == null && body != null && body.hasNonNull(name)) {
            v = body.get(name).asText();
        }
        return v == null ? fallback : v;
    }

    int intParam(String name, int fallback, int min, int max) {
        String v = optional(name, null);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new ApiException(400, "'" + name + "' must be within " + min + ".." + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "'" + name + "' must be a number, got '" + v + "'");
        }
    }

    long longParam(String name, long fallback) {
        String v = optional(name, null);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "'" + name + "' must be a number, got '" + v + "'");
        }
    }
}
