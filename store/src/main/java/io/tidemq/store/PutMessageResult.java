package io.tidemq.store;

/** Status plus, when something was written, where. */
public record PutMessageResult(PutMessageStatus status, AppendMessageResult appendResult) {
    public static PutMessageResult of(PutMessageStatus status) {
        return new PutMessageResult(status, null);
    }

    public boolean isOk() {
        return status.isOk();
    }

    /** The same append with another status (e.g. flush timed out after the bytes were written). */
    public PutMessageResult withStatus(PutMessageStatus newStatus) {
        return new PutMessageResult(newStatus, appendResult);
    }
}
