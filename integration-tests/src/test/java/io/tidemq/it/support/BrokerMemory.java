package io.tidemq.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a broker's memory every 100 ms while a test abuses it: peak RSS (VmHWM) and anonymous RSS from /proc, heap
 * and direct buffers from its Prometheus endpoint (a scrape the broker is too busy to answer is skipped).
 */
public final class BrokerMemory {
    private final AtomicLong peakRss = new AtomicLong();
    private final AtomicLong peakAnon = new AtomicLong();
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakDirect = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final long pid;
    private final int metricsPort;
    private Thread thread;

    public BrokerMemory(long pid, int metricsPort) {
        this.pid = pid;
        this.metricsPort = metricsPort;
    }

    public void start() {
        thread = new Thread(() -> {
            while (running.get()) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() throws InterruptedException {
        running.set(false);
        thread.join();
        sample();
    }

    private void sample() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    peakRss.accumulateAndGet(kib(line) << 10, Math::max);
                } else if (line.startsWith("RssAnon:")) {
                    peakAnon.accumulateAndGet(kib(line) << 10, Math::max);
                }
            }
            PrometheusScrape s = PrometheusScrape.of("127.0.0.1", metricsPort);
            peakHeap.accumulateAndGet((long) s.sum("jvm_memory_used_bytes", Map.of("area", "heap")),
                    Math::max);
            peakDirect.accumulateAndGet((long) s.sum("jvm_buffer_memory_used_bytes", Map.of("id", "direct")),
                    Math::max);
        } catch (Exception e) {
            // the broker may be too busy to answer a scrape; the next sample tries again
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** The peaks as the fault table shows them. */
    public String peaks() {
        return String.format("RSS %d MiB (anon %d), heap %d MiB, direct %d MiB", peakRssMiB(), peakAnonMiB(),
                peakHeapMiB(), peakDirectMiB());
    }

    public long peakRssMiB() {
        return peakRss.get() >> 20;
    }

    public long peakAnonMiB() {
        return peakAnon.get() >> 20;
    }

    public long peakHeapMiB() {
        return peakHeap.get() >> 20;
    }

    public long peakDirectMiB() {
        return peakDirect.get() >> 20;
    }
}
