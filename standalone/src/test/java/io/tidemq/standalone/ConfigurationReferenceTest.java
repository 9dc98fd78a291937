package io.tidemq.standalone;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md must be what the typed configuration classes say today. */
class ConfigurationReferenceTest {
    private static final Path FILE = Path.of("..", "docs", "configuration.md");

    @Test
    void theCheckedInReferenceIsCurrent() throws Exception {
        String generated = ConfigurationReference.markdown();
        if (Boolean.getBoolean("tidemq.updateDocs")) {
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(FILE).exists();
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("docs/configuration.md is out of date: run mvn -q -pl standalone test "
                        + "-Dtest=ConfigurationReferenceTest -Dtidemq.updateDocs=true and commit the file")
                .isEqualTo(generated);
    }

    @Test
    void everyKeyOfBothServersIsDocumentedWithAStatus() {
        String md = ConfigurationReference.markdown();
        for (String key : new String[] {"brokerClusterName", "storePathConsumeQueue", "useEpollNativeSelector",
            "clientSocketSndBufSize", "kvConfigPath", "transferMsgByHeap", "aclEnable", "enableDLegerCommitLog"}) {
            assertThat(md).contains("| `" + key + "` |");
        }
        assertThat(md).contains("accepted, no effect: pull responses always ship the stored bytes");
        assertThat(md).contains("only the default: DLedger is not supported");
        // the controller's default peer list is RocketMQ 5's; any other loopback address came from this machine
        assertThat(md.replace("n0-127.0.0.1:9878", "")).doesNotContain("127.0.0.1")
                .doesNotContain(System.getProperty("user.home") + "/");
    }
}
