package io.tidemq.tools.compare;

/** The scale runs of the comparison, each selectable with {@code --scale}. */
enum Scale {
    /** Produce rate over many topics against one topic, same broker. */
    TOPICS,
    /** Broker CPU per message with many consumer groups on one topic. */
    GROUPS,
    /** Drain rate of a backlog not in the page cache against a hot drain. */
    COLD_DRAIN,
    /** Start-up time and memory of a whole 2m-2s-sync cluster. */
    CLUSTER
}
