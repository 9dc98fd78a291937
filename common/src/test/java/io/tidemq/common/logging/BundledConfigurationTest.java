package io.tidemq.common.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Comments and spacing do not make a configuration differ; anything else does. */
class BundledConfigurationTest {
    @TempDir
    Path dir;

    private String normalized(String text) throws Exception {
        Path f = Files.writeString(dir.resolve("c.xml"), text);
        return BundledConfiguration.normalized(f.toUri().toURL());
    }

    @Test
    void commentsAndRunsOfSpaceCountAsOneSpace() throws Exception {
        assertThat(normalized("<!-- a -->\n<configuration>\n  <root level=\"INFO\"/><!-- b\n c -->\t</configuration>\n"))
                .isEqualTo("<configuration> <root level=\"INFO\"/> </configuration>");
        assertThat(normalized("<a>x</a><!-- never closed")).isEqualTo("<a>x</a>");
        assertThat(normalized("<a level=\"DEBUG\"/>")).isNotEqualTo(normalized("<a level=\"INFO\"/>"));
    }

    @Test
    void aMissingBundledCopyMatchesNothing() throws Exception {
        Path f = Files.writeString(dir.resolve("x.xml"), "<configuration/>");
        assertThat(BundledConfiguration.same(f.toUri().toURL(), "/no/such/resource.xml")).isFalse();
    }
}
