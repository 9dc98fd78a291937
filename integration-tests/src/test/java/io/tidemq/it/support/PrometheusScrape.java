package io.tidemq.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One scrape of a Prometheus text endpoint, parsed into samples (name, labels, value). */
public final class PrometheusScrape {
    /** One line of the exposition. */
    public record Sample(String name, Map<String, String> labels, double value) {
        boolean matches(String n, Map<String, String> wanted) {
            if (!name.equals(n)) {
                return false;
            }
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<Sample> samples;
    private final String text;

    private PrometheusScrape(String text) {
        this.text = text;
        this.samples = parse(text);
    }

    /** Scrapes {@code http://host:port/metrics}. */
    public static PrometheusScrape of(String host, int port) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://" + host + ":" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("scrape answered " + r.statusCode() + ": " + r.body());
            }
            return new PrometheusScrape(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape " + host + ":" + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String text() {
        return text;
    }

    /** Samples named {@code name} whose labels include {@code labels}. */
    public List<Sample> find(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.matches(name, labels)).toList();
    }

    /** The sum of the matching samples' values; fails when none matches. */
    public double sum(String name, Map<String, String> labels) {
        List<Sample> found = find(name, labels);
        if (found.isEmpty()) {
            throw new AssertionError("no sample " + name + labels + " in the scrape");
        }
        return found.stream().mapToDouble(Sample::value).sum();
    }

    static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space;
            Map<String, String> labels = new LinkedHashMap<>();
            String name;
            if (brace >= 0 && brace < line.indexOf(' ')) {
                name = line.substring(0, brace);
                int i = brace + 1;
                while (line.charAt(i) != '}') {
                    int eq = line.indexOf('=', i);
                    String key = line.substring(i, eq);
                    StringBuilder value = new StringBuilder();
                    int j = eq + 2;
                    for (; line.charAt(j) != '"'; j++) {
                        char c = line.charAt(j);
                        if (c == '\\') {
                            char n = line.charAt(++j);
                            value.append(n == 'n' ? '\n' : n);
                        } else {
                            value.append(c);
                        }
                    }
                    labels.put(key, value.toString());
                    i = j + 1;
                    if (line.charAt(i) == ',') {
                        i++;
                    }
                }
                space = i + 1;
            } else {
                space = line.indexOf(' ');
                name = line.substring(0, space);
            }
            String rest = line.substring(space).trim();
            int end = rest.indexOf(' ');
            out.add(new Sample(name, labels, Double.parseDouble(end < 0 ? rest : rest.substring(0, end))));
        }
        return out;
    }
}
