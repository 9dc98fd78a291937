package io.tidemq.tools.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Measured values by metric name, per system. */
final class Results {
    private static final Pattern NUMBER_FIELD = Pattern.compile("\"(\\w+)\":(-?[0-9.]+)");

    private final Map<String, Map<Flavor, Double>> values = new LinkedHashMap<>();
    private final Map<String, Boolean> higherIsBetter = new LinkedHashMap<>();

    void put(String metric, Flavor flavor, double value, boolean higherBetter) {
        values.computeIfAbsent(metric, k -> new LinkedHashMap<>()).put(flavor, value);
        higherIsBetter.put(metric, higherBetter);
    }

    Double get(String metric, Flavor flavor) {
        Map<Flavor, Double> m = values.get(metric);
        return m == null ? null : m.get(flavor);
    }

    Map<String, Map<Flavor, Double>> all() {
        return values;
    }

    boolean higherIsBetter(String metric) {
        return higherIsBetter.getOrDefault(metric, true);
    }

    /** The numeric members of an mqbench {@code RESULT {...}} line. */
    static Map<String, Double> parseResultLine(String line) {
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = NUMBER_FIELD.matcher(line);
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }
}
