package io.tidemq.tools.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mqbench}: load generator built on the official RocketMQ 4.9.3 client, so it measures any broker that speaks
 * the protocol (TideMQ or Apache) the same way. Prints a progress line every few seconds and one final
 * machine-readable {@code RESULT {...}} line.
 */
@Command(name = "mqbench", mixinStandardHelpOptions = true,
        subcommands = {ProduceBench.class, ConsumeBench.class, EndToEndBench.class, GroupsBench.class},
        description = "Load tool for RocketMQ-protocol brokers: produce, consume, e2e, groups.")
public final class MqBench implements Runnable {
    public static void main(String[] args) {
        int code = new CommandLine(new MqBench()).execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
