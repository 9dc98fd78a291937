package io.tidemq.common.protocol.body;

import java.util.ArrayList;
import java.util.List;

/** Answer of GET_CONSUMER_LIST_BY_GROUP: the client ids of the group's live consumers. */
public final class GetConsumerListByGroupResponseBody {
    public List<String> consumerIdList = new ArrayList<>();
}
