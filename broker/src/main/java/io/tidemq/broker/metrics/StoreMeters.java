package io.tidemq.broker.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidemq.store.MessageStore;

/** The store's state as gauges, read when scraped: commit-log extent, what is not flushed or dispatched yet. */
final class StoreMeters {
    private StoreMeters() {
    }

    static void bind(MeterRegistry registry, MessageStore store) {
        Gauge.builder("rocketmq_commitlog_max_offset", store, MessageStore::getMaxPhyOffset)
                .description("commit-log offset of the next byte to write").register(registry);
        Gauge.builder("rocketmq_commitlog_min_offset", store, MessageStore::getMinPhyOffset)
                .description("commit-log offset of the oldest byte kept").register(registry);
        Gauge.builder("rocketmq_storage_flush_behind_bytes", store, MessageStore::unflushedBytes)
                .description("commit-log bytes written but not yet flushed to disk").register(registry);
        Gauge.builder("rocketmq_storage_dispatch_behind_bytes", store, MessageStore::dispatchBehindBytes)
                .description("commit-log bytes not yet in the consume queues").register(registry);
        Gauge.builder("rocketmq_storage_pagecache_busy", store, s -> s.isOSPageCacheBusy() ? 1 : 0)
                .description("1 while a put has held the commit-log lock longer than osPageCacheBusyTimeOutMills")
                .register(registry);
        Gauge.builder("rocketmq_storage_write_refused", store, s -> s.isWriteRefused() ? 1 : 0)
                .description("1 while the store refuses writes (disk full or an I/O error)").register(registry);
    }
}
