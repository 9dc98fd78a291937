package io.tidemq.remoting;

import io.tidemq.remoting.protocol.RemotingCommand;

/** Handles the requests of one family of codes. */
public interface RequestProcessor {
    /**
     * Handles {@code request} and returns its response, or null when there is none yet (the processor answers
     * later through {@link RemoteChannel#writeAndForget}) or none at all. The transport copies the request's
     * opaque into the response, marks it as a response, and drops it for oneway requests.
     */
    RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception;

    /** True to refuse new requests with SYSTEM_BUSY (e.g. the store is overloaded). */
    default boolean rejectRequest() {
        return false;
    }

    /**
     * True when {@link #process} never waits (no disk or network I/O, no long-held locks), so the transport may run
     * it on the I/O thread that read the request whenever the processor's executor has nothing queued or running.
     * That saves two thread hand-offs (and their wake-up system calls) per request, yet requests still queue in
     * the executor, with its flow control, as soon as they arrive faster than they are processed.
     */
    default boolean runsInlineWhenIdle() {
        return false;
    }
}
