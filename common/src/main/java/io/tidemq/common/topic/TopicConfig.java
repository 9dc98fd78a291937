package io.tidemq.common.topic;

import java.util.Objects;

/**
 * A topic's configuration as brokers persist it in topics.json and register it with NameServers. Member names are
 * those fastjson derives from the official class's getters.
 */
public final class TopicConfig {
    public String topicName;
    public int readQueueNums = 16;
    public int writeQueueNums = 16;
    public int perm = PermName.PERM_READ | PermName.PERM_WRITE;
    public TopicFilterType topicFilterType = TopicFilterType.SINGLE_TAG;
    public int topicSysFlag;
    public boolean order;

    public TopicConfig() {
    }

    public TopicConfig(String topicName, int readQueueNums, int writeQueueNums, int perm) {
        this.topicName = topicName;
        this.readQueueNums = readQueueNums;
        this.writeQueueNums = writeQueueNums;
        this.perm = perm;
    }

    public TopicConfig copy() {
        TopicConfig c = new TopicConfig(topicName, readQueueNums, writeQueueNums, perm);
        c.topicFilterType = topicFilterType;
        c.topicSysFlag = topicSysFlag;
        c.order = order;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TopicConfig t)) {
            return false;
        }
        return readQueueNums == t.readQueueNums && writeQueueNums == t.writeQueueNums && perm == t.perm
                && topicSysFlag == t.topicSysFlag && order == t.order && Objects.equals(topicName, t.topicName)
                && topicFilterType == t.topicFilterType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topicName, readQueueNums, writeQueueNums, perm, topicFilterType, topicSysFlag, order);
    }

    @Override
    public String toString() {
        return "TopicConfig[topicName=" + topicName + ", readQueueNums=" + readQueueNums + ", writeQueueNums="
                + writeQueueNums + ", perm=" + PermName.toText(perm) + ", topicFilterType=" + topicFilterType
                + ", topicSysFlag=" + topicSysFlag + ", order=" + order + "]";
    }
}
