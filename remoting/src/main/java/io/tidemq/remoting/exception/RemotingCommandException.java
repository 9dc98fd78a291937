package io.tidemq.remoting.exception;

/** A command whose header cannot be decoded or lacks a required field. */
public class RemotingCommandException extends RemotingException {
    public RemotingCommandException(String message) {
        super(message);
    }

    public RemotingCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
