package io.tidemq.common.protocol.body;

import java.util.HashSet;
import java.util.Set;

/** A set of group names (QUERY_TOPIC_CONSUME_BY_WHO). */
public final class GroupList {
    public Set<String> groupList = new HashSet<>();
}
