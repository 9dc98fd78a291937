package io.tidemq.store;

/**
 * The files on disk contradict what the store knows must be there (a gap between CommitLog files, a file of the wrong
 * size, a damaged record before the last durable checkpoint). The store refuses to open rather than silently drop
 * acknowledged data; the message names the file or offset and what was expected.
 */
public class StoreCorruptionException extends RuntimeException {
    public StoreCorruptionException(String message) {
        super(message);
    }

    public StoreCorruptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
