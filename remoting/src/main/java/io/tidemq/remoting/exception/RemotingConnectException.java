package io.tidemq.remoting.exception;

/** The connection to a remote address could not be made. */
public class RemotingConnectException extends RemotingException {
    public RemotingConnectException(String message) {
        super(message);
    }

    public RemotingConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
