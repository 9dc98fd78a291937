package io.tidemq.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class PropertiesFilesTest {
    @TempDir
    Path dir;

    @Test
    void utf8FilesKeepTheirNonAsciiValues() throws Exception {
        Path f = dir.resolve("a.properties");
        Files.writeString(f, "# 注释\nbrokerName=北京-a\n", StandardCharsets.UTF_8);
        assertThat(PropertiesFiles.load(f).getProperty("brokerName")).isEqualTo("北京-a");
    }

    @Test
    void legacyEncodedFilesLoadAsApacheReadsThem() throws Exception {
        Path f = dir.resolve("b.properties");
        Files.write(f, "# 集群名称\nbrokerClusterName=DefaultCluster\nbrokerName=broker-a\n".getBytes("GBK"));
        Properties p = PropertiesFiles.load(f);
        assertThat(p.getProperty("brokerClusterName")).isEqualTo("DefaultCluster");
        assertThat(p.getProperty("brokerName")).isEqualTo("broker-a");
        assertThat(p).hasSize(2);
    }
}
