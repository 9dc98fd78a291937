package io.tidemq.console;

/** A request the console refuses or could not carry out, with the HTTP status and the reason shown to the user. */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
