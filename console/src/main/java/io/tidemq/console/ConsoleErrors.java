package io.tidemq.console;

import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;

/** Turns what the admin client throws into one line a user can act on. */
final class ConsoleErrors {
    private ConsoleErrors() {
    }

    static String describe(Throwable e) {
        if (e instanceof MQClientException c) {
            String m = c.getErrorMessage() != null ? c.getErrorMessage() : String.valueOf(c.getMessage());
            return firstLine(m) + (c.getResponseCode() > 0 ? " (code " + c.getResponseCode() + ")" : "");
        }
        if (e instanceof MQBrokerException b) {
            return firstLine(b.getErrorMessage() != null ? b.getErrorMessage() : String.valueOf(b.getMessage()))
                    + " (code " + b.getResponseCode() + ")";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        // the client appends a FAQ link to most messages; it says nothing about this cluster
        int see = line.indexOf(", See http");
        return see < 0 ? line : line.substring(0, see);
    }
}
