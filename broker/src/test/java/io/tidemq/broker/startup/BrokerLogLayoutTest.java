package io.tidemq.broker.startup;

import io.tidemq.broker.BrokerStartup;
import io.tidemq.testing.ServerLogLayoutContract;
import org.junit.jupiter.api.Test;

/** The broker's logging in code is its XML's, with and without a per-broker log folder (isolateLogEnable). */
class BrokerLogLayoutTest extends ServerLogLayoutContract {
    BrokerLogLayoutTest() {
        super(BrokerStartup.LOGS, "broker.log");
    }

    @Test
    void aPerBrokerFolderIsTheXmlsToo() throws Exception {
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
}
