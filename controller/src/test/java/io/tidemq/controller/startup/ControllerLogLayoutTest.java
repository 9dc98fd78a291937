package io.tidemq.controller.startup;

import io.tidemq.controller.ControllerStartup;
import io.tidemq.testing.ServerLogLayoutContract;

/** The controller's logging in code is its XML's. */
class ControllerLogLayoutTest extends ServerLogLayoutContract {
    ControllerLogLayoutTest() {
        super(ControllerStartup.LOGS, "controller.log");
    }
}
