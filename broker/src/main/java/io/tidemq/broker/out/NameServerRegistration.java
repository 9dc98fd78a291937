package io.tidemq.broker.out;

/** Announces this broker to the NameServers; processors that change what it announces call it. */
public interface NameServerRegistration {
    /** Registers the whole topic table now (after a change of the broker itself, e.g. its permission). */
    void registerAll();

    /** Registers one created or changed topic. */
    void registerTopic(String topic);
}
