package io.tidemq.common.protocol.body;

import java.util.ArrayList;
import java.util.List;

/** Body of REGISTER_BROKER (uncompressed form; the compressed form is handled by its codec). */
public final class RegisterBrokerBody {
    public TopicConfigSerializeWrapper topicConfigSerializeWrapper = new TopicConfigSerializeWrapper();
    public List<String> filterServerList = new ArrayList<>();
}
