package io.tidemq.it.broker;

import io.tidemq.it.support.Distribution;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installation carries TideMQ's LICENSE and NOTICE, lists every bundled third-party jar with its license in
 * licenses/THIRD-PARTY.md, and holds the license and notice files those jars carry.
 */
class DistributionLicensesIT {

    @Test
    void everyBundledJarIsListedWithItsLicense() throws IOException {
        Path dist = Distribution.packaged();
        assertThat(Files.readString(dist.resolve("LICENSE"))).contains("Apache License").contains("Version 2.0");
        assertThat(Files.readString(dist.resolve("NOTICE"))).contains("TideMQ");
        String listed = Files.readString(dist.resolve("licenses/THIRD-PARTY.md"));
        List<String> missing = new ArrayList<>();
        for (Path folder : List.of(dist.resolve("lib"), dist.resolve("lib/tools"))) {
            try (Stream<Path> jars = Files.list(folder)) {
                jars.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".jar") && !n.startsWith("tidemq-"))
                        .filter(n -> !listed.contains("| " + n + " |"))
                        .forEach(n -> missing.add(folder.getFileName() + "/" + n));
            }
        }
        assertThat(missing).as("bundled jars missing from licenses/THIRD-PARTY.md").isEmpty();
        assertThat(dist.resolve("licenses/Apache-2.0.txt")).isRegularFile();
        assertThat(dist.resolve("licenses/LGPL-2.1.txt")).isRegularFile();
        // the MIT-style texts come from the jars themselves
        assertThat(Files.readString(dist.resolve("licenses/bundled/slf4j-api/META-INF/LICENSE.txt")))
                .contains("Permission is hereby granted");
        assertThat(dist.resolve("licenses/bundled/bcprov-jdk18on/META-INF/LICENSE.md")).isRegularFile();
        assertThat(dist.resolve("licenses/bundled/rocketmq-client/META-INF/NOTICE")).isRegularFile();
    }
}
