package io.tidemq.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples every master's put and get rates and every consumer group's lag at a fixed interval and keeps the last
 * {@value #KEPT} samples, for the charts (the admin protocol only answers "now").
 */
final class HistorySampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistorySampler.class);
    static final int KEPT = 360;
    /** Groups sampled at most, so a cluster with thousands of groups does not turn the console into a load. */
    static final int MAX_GROUPS = 50;

    record Sample(long time, Map<String, Double> putTps, Map<String, Double> getTps, Map<String, Long> lag) {
    }

    private final ClusterAdmin cluster;
    private final GroupApi groups;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-history");
        t.setDaemon(true);
        return t;
    });

    HistorySampler(ClusterAdmin cluster, GroupApi groups) {
        this.cluster = cluster;
        this.groups = groups;
    }

    void start(int seconds) {
        timer.scheduleWithFixedDelay(this::sampleSafely, 0, seconds, TimeUnit.SECONDS);
    }

    private void sampleSafely() {
        try {
            Sample s = sample();
            synchronized (samples) {
                samples.addLast(s);
                while (samples.size() > KEPT) {
                    samples.removeFirst();
                }
            }
        } catch (Exception e) {
            LOG.debug("history sample failed: {}", ConsoleErrors.describe(e));
        }
    }

    private Sample sample() throws Exception {
        Map<String, Double> put = new TreeMap<>();
        Map<String, Double> get = new TreeMap<>();
        for (Map.Entry<String, String> m : cluster.masters().entrySet()) {
            try {
                Map<String, String> rt = cluster.admin().fetchBrokerRuntimeStats(m.getValue()).getTable();
                put.put(m.getKey(), number(ClusterApi.first(rt.get("putTps"))));
                get.put(m.getKey(), number(ClusterApi.first(rt.get("getTotalTps"))));
            } catch (Exception e) {
                // an unreachable broker leaves a gap in its line
            }
        }
        Map<String, Long> lag = new TreeMap<>();
        int n = 0;
        for (String g : groups.groupNames()) {
            if (GroupApi.isSystemGroup(g)) {
                continue;
            }
            if (n++ >= MAX_GROUPS) {
                break;
            }
            try {
                lag.put(g, cluster.admin().examineConsumeStats(g).computeTotalDiff());
            } catch (Exception e) {
                // a group without offsets yet has no lag to draw
            }
        }
        return new Sample(System.currentTimeMillis(), put, get, lag);
    }

    private static double number(String s) {
        try {
            return s == null || s.isEmpty() ? 0 : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The kept samples as series: times, and per broker or group the values at those times (null: no value). */
    Object series(ApiRequest request) {
        List<Sample> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples);
        }
        List<Long> times = new ArrayList<>();
        Map<String, List<Double>> put = new TreeMap<>();
        Map<String, List<Double>> get = new TreeMap<>();
        Map<String, List<Long>> lag = new TreeMap<>();
        copy.forEach(s -> {
            s.putTps().keySet().forEach(k -> put.computeIfAbsent(k, x -> new ArrayList<>()));
            s.getTps().keySet().forEach(k -> get.computeIfAbsent(k, x -> new ArrayList<>()));
            s.lag().keySet().forEach(k -> lag.computeIfAbsent(k, x -> new ArrayList<>()));
        });
        for (Sample s : copy) {
            times.add(s.time());
            put.forEach((k, v) -> v.add(s.putTps().get(k)));
            get.forEach((k, v) -> v.add(s.getTps().get(k)));
            lag.forEach((k, v) -> v.add(s.lag().get(k)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("times", times);
        out.put("putTps", put);
        out.put("getTps", get);
        out.put("lag", lag);
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
