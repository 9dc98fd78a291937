package io.tidemq.testing;

import ch.qos.logback.classic.LoggerContext;
import io.tidemq.common.logging.BundledConfiguration;
import io.tidemq.common.logging.LogbackSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each server's logging test checks (a server's test extends this): the set-up built in code is the one its
 * bundled XML describes, and the distribution's copy of that XML says the same, so a default installation takes the
 * fast path and logs exactly what the XML would make it log.
 */
public abstract class ServerLogLayoutContract {
    @TempDir
    protected Path home;
    private String savedHome;
    private final LogbackSetup.ServerLogs logs;
    private final String mainLogFile;

    /**
     * @param logs        the server's logging, e.g. {@code BrokerStartup.LOGS}
     * @param mainLogFile the server's log file name, e.g. {@code broker.log}
     */
    protected ServerLogLayoutContract(LogbackSetup.ServerLogs logs, String mainLogFile) {
        this.logs = logs;
        this.mainLogFile = mainLogFile;
    }

    @BeforeEach
    void logIntoTheTempFolder() {
        savedHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", savedHome);
    }

    @Test
    void codeBuildsWhatTheBundledXmlDescribes() throws Exception {
        assertSameSetUp();
    }

    /** Compares the XML's set-up with the code's under the current system properties. */
    protected final void assertSameSetUp() throws Exception {
        URL bundled = getClass().getResource(logs.fallbackResource());
        assertThat(bundled).isNotNull();
        LoggerContext fromXml = LogbackContexts.fromXml(bundled);
        LoggerContext inCode = new LoggerContext();
        logs.layout().apply(inCode);
        try {
            assertThat(LogbackContexts.describe(inCode)).isEqualTo(LogbackContexts.describe(fromXml))
                    .contains(home + "/logs/rocketmqlogs/").contains(mainLogFile)
                    .contains("io.tidemq level=INFO");
        } finally {
            fromXml.stop();
            inCode.stop();
        }
    }

    @Test
    void theDistributionsCopySaysTheSameAsTheBundledOne() throws Exception {
        Path copy = Path.of("../distribution/src/main/conf", logs.fileName());
        assertThat(copy).exists();
        assertThat(BundledConfiguration.same(copy.toUri().toURL(), logs.fallbackResource())).isTrue();
        Path edited = home.resolve(logs.fileName());
        Files.writeString(edited, Files.readString(copy).replace("100MB", "200MB"));
        assertThat(BundledConfiguration.same(edited.toUri().toURL(), logs.fallbackResource())).isFalse();
    }
}
