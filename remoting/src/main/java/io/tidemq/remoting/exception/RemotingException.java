package io.tidemq.remoting.exception;

/** Base of every failure the remoting layer reports. */
public class RemotingException extends Exception {
    public RemotingException(String message) {
        super(message);
    }

    public RemotingException(String message, Throwable cause) {
        super(message, cause);
    }
}
