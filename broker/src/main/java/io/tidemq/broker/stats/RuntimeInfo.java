package io.tidemq.broker.stats;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.executor.BrokerExecutors;
import io.tidemq.broker.executor.BrokerFastFailure;
import io.tidemq.broker.schedule.DelayOffsetTable;
import io.tidemq.store.MessageStore;
import io.tidemq.store.StoreCounters;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

/** Builds the GET_BROKER_RUNTIME_INFO table (the keys mqadmin clusterList and brokerStatus read). */
public final class RuntimeInfo {
    private final BrokerConfig config;
    private final MessageStore store;
    private final BrokerStats stats;
    private final BrokerExecutors executors;
    private final Supplier<DelayOffsetTable> delayOffsets;
    private final long bootTimestamp = System.currentTimeMillis();
    private final long bootNanos = System.nanoTime();

    public RuntimeInfo(BrokerConfig config, MessageStore store, BrokerStats stats, BrokerExecutors executors,
                       Supplier<DelayOffsetTable> delayOffsets) {
        this.config = config;
        this.store = store;
        this.stats = stats;
        this.executors = executors;
        this.delayOffsets = delayOffsets;
    }

    public Map<String, String> collect() {
        Map<String, String> t = new HashMap<>();
        t.putAll(store.runtimeInfo());
        t.put("brokerVersionDesc", "V4_9_3");
        t.put("brokerVersion", "399");
        t.put("bootTimestamp", String.valueOf(bootTimestamp));
        t.put("runtime", runtime((System.nanoTime() - bootNanos) / 1_000_000));
        t.put("putTps", stats.putTps());
        t.put("getFoundTps", stats.getFoundTps());
        t.put("getMissTps", stats.getMissTps());
        t.put("getTotalTps", stats.getTotalTps());
        t.put("getTransferedTps", stats.getTransferredTps());
        t.put("msgPutTotalYesterdayMorning", String.valueOf(stats.putYesterdayMorning()));
        t.put("msgPutTotalTodayMorning", String.valueOf(stats.putTodayMorning()));
        StoreCounters now = store.counters();
        t.put("msgPutTotalTodayNow", String.valueOf(now.putMessages()));
        t.put("msgGetTotalYesterdayMorning", String.valueOf(stats.getYesterdayMorning()));
        t.put("msgGetTotalTodayMorning", String.valueOf(stats.getTodayMorning()));
        t.put("msgGetTotalTodayNow", String.valueOf(now.getTransferred()));
        queue(t, "sendThreadPoolQueue", executors.send);
        queue(t, "pullThreadPoolQueue", executors.pull);
        queue(t, "queryThreadPoolQueue", executors.query);
        t.put("EndTransactionQueueSize", String.valueOf(executors.endTransaction.getQueue().size()));
        t.put("EndTransactionThreadPoolQueueCapacity", String.valueOf(
                config.getEndTransactionPoolQueueCapacity()));
        t.put("sendThreadPoolQueueHeadWaitTimeMills", String.valueOf(
                BrokerFastFailure.headWaitMillis(executors.send)));
        t.put("pullThreadPoolQueueHeadWaitTimeMills", String.valueOf(
                BrokerFastFailure.headWaitMillis(executors.pull)));
        t.put("queryThreadPoolQueueHeadWaitTimeMills", String.valueOf(
                BrokerFastFailure.headWaitMillis(executors.query)));
        t.put("startAcceptSendRequestTimeStamp", String.valueOf(
                config.getStartAcceptSendRequestTimeStamp()));
        delayOffsets.get().offsetTable.forEach((level, offset) ->
                t.put("scheduleMessageOffset_" + level, offset + "," + store.getMaxOffsetInQueue(
                        "SCHEDULE_TOPIC_XXXX", level - 1)));
        return t;
    }

    private static void queue(Map<String, String> t, String prefix, ThreadPoolExecutor executor) {
        t.put(prefix + "Size", String.valueOf(executor.getQueue().size()));
        t.put(prefix + "Capacity", String.valueOf(executor.getQueue().size() + executor.getQueue().remainingCapacity()));
    }

    private static String runtime(long millis) {
        Duration d = Duration.ofMillis(millis);
        return "[ " + d.toDays() + " days, " + d.toHoursPart() + " hours, " + d.toMinutesPart() + " minutes, "
                + d.toSecondsPart() + " seconds ]";
    }
}
