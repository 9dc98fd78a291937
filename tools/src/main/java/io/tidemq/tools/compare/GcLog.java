package io.tidemq.tools.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Allocation rate of a server from its GC log ({@code -Xlog:gc:file=...:uptimemillis}), the same way for every
 * system: what the heap grew by between one collection's end and the next one's start, summed over the
 * collections of a window, over the time between the first and the last of them.
 */
final class GcLog {
    private static final Pattern PAUSE = Pattern.compile("\\[(\\d+)ms\\] GC\\(\\d+\\) Pause .*? (\\d+)M->(\\d+)M");

    private GcLog() {
    }

    /** JVM option that writes the log {@link #allocatedBytesPerSecond} reads. */
    static String option(Path log) {
        return "-Xlog:gc:file=" + log.toAbsolutePath() + ":uptimemillis";
    }

    /** Bytes allocated per second between uptimes {@code fromMs} and {@code toMs}; -1 with under 3 pauses in it. */
    static double allocatedBytesPerSecond(Path log, long fromMs, long toMs) throws IOException {
        if (!Files.isRegularFile(log)) {
            return -1;
        }
        List<long[]> pauses = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                long t = Long.parseLong(m.group(1));
                if (t >= fromMs && t <= toMs) {
                    pauses.add(new long[] {t, Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
                }
            }
        }
        if (pauses.size() < 3) {
            return -1;
        }
        long mib = 0;
        for (int i = 1; i < pauses.size(); i++) {
            mib += pauses.get(i)[1] - pauses.get(i - 1)[2];
        }
        double seconds = (pauses.get(pauses.size() - 1)[0] - pauses.get(0)[0]) / 1000.0;
        return seconds <= 0 ? -1 : mib * 1048576.0 / seconds;
    }
}
