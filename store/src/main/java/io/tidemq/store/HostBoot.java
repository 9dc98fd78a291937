package io.tidemq.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which boot of the machine this is (Linux's random boot id). A store that stopped without a clean shutdown but on
 * the same boot died alone: the kernel kept every page it had written to its mapped files, so nothing it wrote can
 * be torn. Only a machine crash (power, kernel) can leave pages missing.
 */
final class HostBoot {
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private HostBoot() {
    }

    /** This boot's id, or "" where the system does not tell (then every crash counts as a machine crash). */
    static String id() {
        try {
            return Files.readString(BOOT_ID, StandardCharsets.US_ASCII).trim();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    /** The boot id recorded in a marker file, or "" (an empty marker: Apache's, or one written by an older run). */
    static String recordedIn(Path marker) {
        try {
            String s = Files.readString(marker, StandardCharsets.US_ASCII).trim();
            return s.length() <= 64 ? s : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Records this boot's id in the marker (Apache only looks at whether the file exists). */
    static void recordIn(Path marker) throws IOException {
        Files.writeString(marker, id(), StandardCharsets.US_ASCII);
    }
}
