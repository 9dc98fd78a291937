package io.tidemq.namesrv.route;

/** What a registering slave learns about its live master; both null for masters or when no master is live. */
public record RegisterBrokerResult(String haServerAddr, String masterAddr) {
    static final RegisterBrokerResult NONE = new RegisterBrokerResult(null, null);
}
