package io.tidemq.broker.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import io.tidemq.store.ha.SlaveProgress;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A master's view of each connected slave: bytes it lacks and for how long it has lacked some. */
final class ReplicationMeters {
    private final Supplier<List<SlaveProgress>> slaves;
    private final MultiGauge lagBytes;
    private final MultiGauge lagMillis;
    private final MultiGauge acked;

    ReplicationMeters(MeterRegistry registry, Supplier<List<SlaveProgress>> slaves) {
        this.slaves = slaves;
        lagBytes = MultiGauge.builder("rocketmq_replication_lag_bytes")
                .description("commit-log bytes the slave has not confirmed").register(registry);
        lagMillis = MultiGauge.builder("rocketmq_replication_lag_ms")
                .description("ms since the slave last confirmed everything the master had (0: caught up)")
                .register(registry);
        acked = MultiGauge.builder("rocketmq_replication_ack_offset")
                .description("commit-log offset the slave confirmed").register(registry);
    }

    void refresh() {
        List<Row<?>> bytes = new ArrayList<>();
        List<Row<?>> millis = new ArrayList<>();
        List<Row<?>> offsets = new ArrayList<>();
        for (SlaveProgress s : slaves.get()) {
            Tags t = Tags.of("slave", s.address());
            bytes.add(Row.of(t, s.lagBytes()));
            millis.add(Row.of(t, s.lagMillis()));
            offsets.add(Row.of(t, s.ackOffset()));
        }
        lagBytes.register(bytes, true);
        lagMillis.register(millis, true);
        acked.register(offsets, true);
    }
}
