package io.tidemq.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The packaged installation (distribution/target/tidemq, or -Dtidemq.distribution.dir, set by the pom). */
public final class Distribution {
    private Distribution() {
    }

    /**
     * Its folder, symbolic links resolved (the scripts report ROCKETMQ_HOME that way); the calling test is skipped
     * when nothing is packaged there.
     */
    public static Path packaged() {
        Path dist = Path.of(System.getProperty("tidemq.distribution.dir", "../distribution/target/tidemq"))
                .toAbsolutePath();
        assumeTrue(Files.isRegularFile(dist.resolve("bin/mqbroker")),
                "distribution not packaged at " + dist + " (run mvn package)");
        try {
            return dist.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
