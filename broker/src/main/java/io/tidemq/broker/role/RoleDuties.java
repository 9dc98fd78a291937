package io.tidemq.broker.role;

/** What a broker runs only while it holds one role; started when the role is taken, stopped when it is left. */
interface RoleDuties {
    /** Starts the duties; on failure nothing of them keeps running. */
    void start() throws Exception;

    /** Stops them and returns once none of their work can still touch the store. Idempotent. */
    void stop();
}
