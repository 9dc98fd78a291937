package io.tidemq.store;

/**
 * Running totals of the store since it started: messages appended, reads that found messages and reads that did
 * not, messages handed out by reads.
 */
public record StoreCounters(long putMessages, long getFound, long getMiss, long getTransferred) {
}
