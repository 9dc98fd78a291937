package io.tidemq.namesrv.startup;

import io.tidemq.common.logging.LogbackSetup;
import io.tidemq.namesrv.NamesrvStartup;
import io.tidemq.testing.ServerLogLayoutContract;

/** The namesrv's logging in code is its XML's. */
class NamesrvLogLayoutTest extends ServerLogLayoutContract {
    @Override
    protected LogbackSetup.ServerLogs logs() {
        return NamesrvStartup.LOGS;
    }

    @Override
    protected String mainLogFile() {
        return "namesrv.log";
    }
}
