package io.tidemq.broker.schedule;

import io.tidemq.broker.topic.TopicValidator;
import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExtBatch;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.MessageSysFlag;
import io.tidemq.store.DelayLevels;
import io.tidemq.store.MessageStore;
import io.tidemq.store.PutMessageResult;

import java.util.concurrent.CompletableFuture;

/**
 * The broker's one way into the store for local writes, single messages and batches: a single message with a delay
 * level is parked in SCHEDULE_TOPIC_XXXX (queue = level - 1, original topic and queue kept in REAL_TOPIC /
 * REAL_QID) until the schedule service delivers it; a batch goes in as it is.
 */
public final class MessagePutter {
    private final MessageStore store;
    private final DelayLevels delayLevels;

    public MessagePutter(MessageStore store, DelayLevels delayLevels) {
        this.store = store;
        this.delayLevels = delayLevels;
    }

    public CompletableFuture<PutMessageResult> put(MessageExtBrokerInner msg) {
        if (msg instanceof MessageExtBatch) {
            return store.asyncPutMessage(msg);
        }
        int type = MessageSysFlag.transactionType(msg.getSysFlag());
        int level = msg.getDelayTimeLevel();
        if (level > 0 && (type == MessageSysFlag.TRANSACTION_NOT_TYPE || type == MessageSysFlag.TRANSACTION_COMMIT_TYPE)) {
            level = Math.min(level, delayLevels.maxLevel());
            msg.putProperty(MessageConst.PROPERTY_DELAY_TIME_LEVEL, String.valueOf(level));
            msg.putProperty(MessageConst.PROPERTY_REAL_TOPIC, msg.getTopic());
            msg.putProperty(MessageConst.PROPERTY_REAL_QUEUE_ID, String.valueOf(msg.getQueueId()));
            msg.setTopic(TopicValidator.RMQ_SYS_SCHEDULE_TOPIC);
            msg.setQueueId(level - 1);
            msg.encodePropertiesString();
        }
        return store.asyncPutMessage(msg);
    }
}
