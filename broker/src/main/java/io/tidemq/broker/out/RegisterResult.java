package io.tidemq.broker.out;

import java.util.Map;

/** What a NameServer answered to a registration: the master (for slaves) and the order-topic table. */
public record RegisterResult(String namesrvAddr, String masterAddr, String haServerAddr,
                             Map<String, String> orderTopics) {
}
