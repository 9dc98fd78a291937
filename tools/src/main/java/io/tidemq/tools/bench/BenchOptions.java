package io.tidemq.tools.bench;

import picocli.CommandLine.Option;

/** Options every mode shares. */
public class BenchOptions {
    @Option(names = {"-n", "--namesrv"}, defaultValue = "127.0.0.1:9876", description = "NameServer address(es)")
    String namesrv;

    @Option(names = {"-t", "--topic"}, defaultValue = "BenchTopic", description = "Topic")
    String topic;

    @Option(names = {"-d", "--duration"}, defaultValue = "30", description = "Seconds to run (after warm-up)")
    int durationSeconds;

    @Option(names = {"-w", "--warmup"}, defaultValue = "5", description = "Warm-up seconds not counted")
    int warmupSeconds;

    @Option(names = {"--report"}, defaultValue = "5", description = "Seconds between progress lines")
    int reportSeconds;
}
