package io.tidemq.namesrv.startup;

import io.tidemq.namesrv.NamesrvStartup;
import io.tidemq.testing.ServerLogLayoutContract;

/** The namesrv's logging in code is its XML's. */
class NamesrvLogLayoutTest extends ServerLogLayoutContract {
    NamesrvLogLayoutTest() {
        super(NamesrvStartup.LOGS, "namesrv.log");
    }
}
