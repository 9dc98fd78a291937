package io.tidemq.broker.startup;

import ch.qos.logback.classic.LoggerContext;
import io.tidemq.common.logging.BundledConfiguration;
import io.tidemq.common.logging.LogbackSetup;
import io.tidemq.broker.BrokerStartup;
import io.tidemq.testing.LogbackContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's logging set-up built in code is the one its bundled XML describes, and the distribution's copy of
 * that XML says the same, so the fast path is taken by a default installation and changes nothing it logs.
 */
class BrokerLogLayoutTest {
    private static final LogbackSetup.ServerLogs LOGS = BrokerStartup.LOGS;
    @TempDir
    Path home;
    private String savedHome;

    @BeforeEach
    void logIntoTheTempFolder() {
        savedHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.setProperty("user.home", savedHome);
    }

    @Test
    void codeBuildsWhatTheBundledXmlDescribes() throws Exception {
        String saved = System.getProperty("brokerLogDir");
        try {
            System.setProperty("brokerLogDir", "");
            assertSameSetUp();
            System.setProperty("brokerLogDir", "b_0");
            assertSameSetUp();
        } finally {
            if (saved == null) {
                System.clearProperty("brokerLogDir");
            } else {
                System.setProperty("brokerLogDir", saved);
            }
        }
    }

    private void assertSameSetUp() throws Exception {
        URL bundled = BrokerStartup.class.getResource(LOGS.fallbackResource());
        LoggerContext fromXml = LogbackContexts.fromXml(bundled);
        LoggerContext inCode = new LoggerContext();
        LOGS.layout().apply(inCode);
        try {
            String described = LogbackContexts.describe(inCode);
            assertThat(described).isEqualTo(LogbackContexts.describe(fromXml))
                    .contains(home + "/logs/rocketmqlogs/").contains("broker.log").contains("io.tidemq level=INFO");
        } finally {
            fromXml.stop();
            inCode.stop();
        }
    }

    @Test
    void theDistributionsCopySaysTheSameAsTheBundledOne() throws Exception {
        Path copy = Path.of("../distribution/src/main/conf", LOGS.fileName());
        assertThat(copy).exists();
        assertThat(BundledConfiguration.same(copy.toUri().toURL(), LOGS.fallbackResource())).isTrue();
        Path edited = home.resolve(LOGS.fileName());
        Files.writeString(edited, Files.readString(copy).replace("100MB", "200MB"));
        assertThat(BundledConfiguration.same(edited.toUri().toURL(), LOGS.fallbackResource())).isFalse();
    }
}
