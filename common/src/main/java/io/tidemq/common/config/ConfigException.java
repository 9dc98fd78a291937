package io.tidemq.common.config;

/** A configuration key or value that cannot be used; the message names it. Stops start-up. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
