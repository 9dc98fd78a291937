package io.tidemq.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One row of the fault table in docs/reliability.md, recorded by a fault test once its assertions have passed:
 * appended to {@code target/fault-report.tsv} (which {@code bench/fault-table.sh} turns into the table) and printed.
 */
public final class FaultReport {
    private static final Path FILE = Path.of("target", "fault-report.tsv");

    private FaultReport() {
    }

    /**
     * @param fault       what was done to the system
     * @param test        the test class that did it
     * @param clientSaw   the answers the clients got (counts of SEND_OK and of each other outcome)
     * @param acked       acknowledged messages
     * @param lost        acknowledged messages that could not be read back afterwards, and how that was checked when
     *                    not by reading every one back
     * @param unavailable how long writes or reads were not served, or "-" when they always were
     * @param resources   the servers' resources at peak, or "-" when not measured
     */
    public static synchronized void record(String fault, Class<?> test, String clientSaw, long acked, String lost,
                                           String unavailable, String resources) {
        String row = String.join("\t", clean(fault), test.getSimpleName(), clean(clientSaw), String.valueOf(acked),
                clean(lost), clean(unavailable), clean(resources));
        System.out.println("fault-report: " + row.replace('\t', '|'));
        try {
            Files.writeString(FILE, row + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the fault row in " + FILE.toAbsolutePath(), e);
        }
    }

    private static String clean(String s) {
        // a test's temporary folder differs on every run and says nothing
        return s.replace('\t', ' ').replace('\n', ' ').replace("|", "\\|").replaceAll("/tmp/junit-?[0-9]+", "<tmp>");
    }
}
