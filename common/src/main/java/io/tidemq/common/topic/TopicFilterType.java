package io.tidemq.common.topic;

/** How tags are matched for a topic; MULTI_TAG sets the MULTI_TAGS sysFlag bit on stored messages. */
public enum TopicFilterType {
    SINGLE_TAG, MULTI_TAG
}
