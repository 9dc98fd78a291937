package io.tidemq.controller.startup;

import io.tidemq.common.logging.LogbackSetup;
import io.tidemq.controller.ControllerStartup;
import io.tidemq.testing.ServerLogLayoutContract;

/** The controller's logging in code is its XML's. */
class ControllerLogLayoutTest extends ServerLogLayoutContract {
    @Override
    protected LogbackSetup.ServerLogs logs() {
        return ControllerStartup.LOGS;
    }

    @Override
    protected String mainLogFile() {
        return "controller.log";
    }
}
