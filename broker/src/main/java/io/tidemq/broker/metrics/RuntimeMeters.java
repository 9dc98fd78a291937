package io.tidemq.broker.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The broker's runtime figures (what GET_BROKER_RUNTIME_INFO answers) as rocketmq-exporter's
 * {@code rocketmq_brokeruntime_*} families, with its labels: one sample each, read from the same table at each
 * scrape so the numbers agree with {@code mqadmin brokerStatus}.
 */
final class RuntimeMeters {
    /** Runtime key to family name, for the keys holding one number. */
    private static final Map<String, String> PLAIN = Map.ofEntries(
            Map.entry("msgPutTotalTodayNow", "msg_put_total_today_now"),
            Map.entry("msgGetTotalTodayNow", "msg_gettotal_today_now"),
            Map.entry("msgPutTotalTodayMorning", "msg_puttotal_todaymorning"),
            Map.entry("msgGetTotalTodayMorning", "msg_gettotal_todaymorning"),
            Map.entry("msgPutTotalYesterdayMorning", "msg_puttotal_yesterdaymorning"),
            Map.entry("msgGetTotalYesterdayMorning", "msg_gettotal_yesterdaymorning"),
            Map.entry("dispatchBehindBytes", "dispatch_behind_bytes"),
            Map.entry("putMessageAverageSize", "put_message_average_size"),
            Map.entry("earliestMessageTimeStamp", "earliest_message_timestamp"),
            Map.entry("putMessageEntireTimeMax", "putmessage_entire_time_max"),
            Map.entry("startAcceptSendRequestTimeStamp", "start_accept_sendrequest_time"),
            Map.entry("getMessageEntireTimeMax", "getmessage_entire_time_max"),
            Map.entry("pageCacheLockTimeMills", "pagecache_lock_time_mills"),
            Map.entry("commitLogDiskRatio", "commitlog_disk_ratio"),
            Map.entry("consumeQueueDiskRatio", "consumequeue_disk_ratio"),
            Map.entry("dispatchMaxBuffer", "dispatch_maxbuffer"),
            Map.entry("commitLogMaxOffset", "commitlog_maxoffset"),
            Map.entry("commitLogMinOffset", "commitlog_minoffset"),
            Map.entry("sendThreadPoolQueueHeadWaitTimeMills", "send_threadpoolqueue_headwait_timemills"),
            Map.entry("pullThreadPoolQueueHeadWaitTimeMills", "pull_threadpoolqueue_headwait_timemills"),
            Map.entry("queryThreadPoolQueueHeadWaitTimeMills", "query_threadpoolqueue_headwait_timemills"));
    /**
     * Runtime keys holding a total since boot, and their family stem: counters, because Prometheus reserves the
     * "_total" suffix of the exporter's names for counters.
     */
    private static final Map<String, String> TOTALS = Map.of(
            "putMessageSizeTotal", "put_message_size", "putMessageTimesTotal", "putmessage_times");
    /** Runtime keys holding "tps10s tps1min tps10min", and the family stem each becomes (suffixed 10, 60, 600). */
    private static final Map<String, String> RATES = Map.of(
            "putTps", "put_tps", "getFoundTps", "getfound_tps", "getMissTps", "getmiss_tps",
            "getTotalTps", "gettotal_tps", "getTransferedTps", "gettransfered_tps");
    private static final String[] RATE_WINDOWS = {"10", "60", "600"};

    private final Supplier<Map<String, String>> runtime;
    private final String brokerAddr;
    private final String brokerHost;
    private final Map<String, MultiGauge> families = new HashMap<>();
    private final MeterRegistry registry;
    private volatile Map<String, String> last = Map.of();
    private boolean countersRegistered;

    RuntimeMeters(MeterRegistry registry, Supplier<Map<String, String>> runtime, String brokerAddr,
                  String brokerHost) {
        this.runtime = runtime;
        this.brokerAddr = brokerAddr;
        this.brokerHost = brokerHost;
        this.registry = registry;
        PLAIN.values().forEach(name -> family(registry, name));
        RATES.values().forEach(stem -> {
            for (String w : RATE_WINDOWS) {
                family(registry, stem + w);
            }
        });
    }

    private void family(MeterRegistry registry, String name) {
        families.put(name, MultiGauge.builder("rocketmq_brokeruntime_" + name)
                .description("GET_BROKER_RUNTIME_INFO figure (as rocketmq-exporter publishes it)").register(registry));
    }

    void refresh() {
        Map<String, String> info = runtime.get();
        last = info;
        Tags labels = Tags.of("brokerIP", brokerAddr, "brokerHost", brokerHost,
                "des", info.getOrDefault("brokerVersionDesc", ""), "boottime", info.getOrDefault("bootTimestamp", ""),
                "broker_version", info.getOrDefault("brokerVersion", ""));
        if (!countersRegistered) {
            // the labels hold the boot time and version, known once the broker runs
            TOTALS.forEach((key, stem) -> FunctionCounter.builder("rocketmq_brokeruntime_" + stem, this,
                    m -> number(m.last.get(key))).tags(labels)
                    .description("GET_BROKER_RUNTIME_INFO total (as rocketmq-exporter publishes it)")
                    .register(registry));
            countersRegistered = true;
        }
        PLAIN.forEach((key, name) -> set(name, labels, number(info.get(key))));
        RATES.forEach((key, stem) -> {
            String[] parts = info.getOrDefault(key, "").trim().split("\\s+");
            for (int i = 0; i < RATE_WINDOWS.length; i++) {
                set(stem + RATE_WINDOWS[i], labels, i < parts.length ? number(parts[i]) : Double.NaN);
            }
        });
    }

    private void set(String name, Tags labels, double value) {
        families.get(name).register(Double.isNaN(value) ? List.of() : List.of(Row.of(labels, value)), true);
    }

    private static double number(String s) {
        if (s == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
