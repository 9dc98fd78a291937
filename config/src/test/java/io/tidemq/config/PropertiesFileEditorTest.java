package io.tidemq.config;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class PropertiesFileEditorTest {
    @TempDir
    Path dir;

    @Test
    void changesOnlyTheGivenKeysAndKeepsEverythingElseByteForByte() throws IOException {
        Path f = dir.resolve("broker.conf");
        byte[] gbkComment = "# 集群名称\n".getBytes("GBK");
        String rest = "brokerClusterName = DefaultCluster\nbrokerName=broker-a\n\n! old style comment\n"
                + "deleteWhen:04\nmessageDelayLevel=1s 5s \\\n   10s\nfileReservedTime=48\n";
        Files.write(f, concat(gbkComment, rest.getBytes(StandardCharsets.ISO_8859_1)));
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("deleteWhen", "03");
        changes.put("messageDelayLevel", "1s 2s");
        changes.put("brokerPermission", "4");
        PropertiesFileEditor.update(f, changes);
        byte[] expected = concat(gbkComment, ("brokerClusterName = DefaultCluster\nbrokerName=broker-a\n\n"
                + "! old style comment\ndeleteWhen=03\nmessageDelayLevel=1s 2s\nfileReservedTime=48\n"
                + "brokerPermission=4\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(Files.readAllBytes(f)).isEqualTo(expected);
        assertThat(Files.exists(dir.resolve("broker.conf.tmp"))).isFalse();
    }

    @Test
    void createsTheFileAndItsFolderWhenMissing() throws IOException {
        Path f = dir.resolve("store/config/broker.properties");
        PropertiesFileEditor.update(f, Map.of("brokerPermission", "4"));
        assertThat(Files.readString(f)).isEqualTo("brokerPermission=4\n");
    }

    @Property(tries = 300)
    void anyValueReadsBackAsWritten(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String key,
                                    @ForAll @StringLength(max = 40) String value) throws IOException {
        Path f = Files.createTempFile("edit", ".properties");
        try {
            Files.writeString(f, "# header\nother=1\n" + key + "=old\n");
            PropertiesFileEditor.update(f, Map.of(key, value));
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(f)) {
                p.load(in);
            }
            assertThat(p.getProperty(key)).isEqualTo(value);
            assertThat(p.getProperty("other")).isEqualTo(key.equals("other") ? value : "1");
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
