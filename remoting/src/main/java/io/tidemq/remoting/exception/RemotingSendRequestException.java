package io.tidemq.remoting.exception;

/** A request could not be written to its channel. */
public class RemotingSendRequestException extends RemotingException {
    public RemotingSendRequestException(String message) {
        super(message);
    }

    public RemotingSendRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
