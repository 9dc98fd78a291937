package io.tidemq.tools.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Measured values by metric name, per system; a metric measured in several runs keeps every value. */
final class Results {
    private static final Pattern NUMBER_FIELD = Pattern.compile("\"(\\w+)\":(-?[0-9.]+)");

    private final Map<String, Map<Flavor, List<Double>>> values = new LinkedHashMap<>();
    private final Map<String, Boolean> higherIsBetter = new LinkedHashMap<>();

    void put(String metric, Flavor flavor, double value, boolean higherBetter) {
        values.computeIfAbsent(metric, k -> new LinkedHashMap<>()).computeIfAbsent(flavor, k -> new ArrayList<>())
                .add(value);
        higherIsBetter.put(metric, higherBetter);
    }

    /** The median of the runs' values (the mean of the middle two for an even count), or null. */
    Double get(String metric, Flavor flavor) {
        List<Double> v = runs(metric, flavor);
        if (v.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(v);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Every value measured, in run order (empty if none). */
    List<Double> runs(String metric, Flavor flavor) {
        Map<Flavor, List<Double>> m = values.get(metric);
        List<Double> v = m == null ? null : m.get(flavor);
        return v == null ? List.of() : v;
    }

    /** Metric names in the order first measured. */
    Iterable<String> metrics() {
        return values.keySet();
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
