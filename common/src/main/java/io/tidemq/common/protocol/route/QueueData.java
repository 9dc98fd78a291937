package io.tidemq.common.protocol.route;

import java.util.Objects;

/** One broker's queues of a topic, as NameServers hand them out in routes. */
public final class QueueData {
    public String brokerName;
    public int readQueueNums;
    public int writeQueueNums;
    public int perm;
    public int topicSysFlag;

    public QueueData() {
    }

    public QueueData(String brokerName, int readQueueNums, int writeQueueNums, int perm, int topicSysFlag) {
        this.brokerName = brokerName;
        this.readQueueNums = readQueueNums;
        this.writeQueueNums = writeQueueNums;
        this.perm = perm;
        this.topicSysFlag = topicSysFlag;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueData q && Objects.equals(brokerName, q.brokerName)
                && readQueueNums == q.readQueueNums && writeQueueNums == q.writeQueueNums && perm == q.perm
                && topicSysFlag == q.topicSysFlag;
    }

    @Override
    public int hashCode() {
        return Objects.hash(brokerName, readQueueNums, writeQueueNums, perm, topicSysFlag);
    }
}
