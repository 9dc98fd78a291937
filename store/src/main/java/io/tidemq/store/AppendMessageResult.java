package io.tidemq.store;

/**
 * Where an append landed. For a batch: {@code wroteOffset} and {@code logicsOffset} are those of the first
 * message, {@code msgIds} holds one offset message id per message, comma-separated.
 */
public record AppendMessageResult(long wroteOffset, int wroteBytes, String msgIds, long storeTimestamp,
                                  long logicsOffset, int msgNum) {
    /** Physical offset just past the appended bytes. */
    public long endOffset() {
        return wroteOffset + wroteBytes;
    }
}
