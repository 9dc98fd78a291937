package io.tidemq.broker.transaction;

import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.broker.topic.TopicValidator;
import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.MessageSysFlag;
import io.tidemq.common.topic.PermName;
import io.tidemq.store.MessageStore;
import io.tidemq.store.PutMessageResult;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Two-phase messages: a half message waits in RMQ_SYS_TRANS_HALF_TOPIC (invisible to consumers) until the producer
 * commits it (it is then stored in its real topic) or rolls it back; either way an op record marks it done.
 */
public final class TransactionalMessageService {
    private static final int PERM = PermName.PERM_READ | PermName.PERM_WRITE;
    /** Tag of op records: the half message was handled. */
    private static final String REMOVE_TAG = "d";
    private static final int ENDED_ORIGINS_KEPT = 100_000;

    private final MessageStore store;
    private final TopicConfigManager topics;
    private final InetSocketAddress storeHost;
    /**
     * Half queue offsets of the first copies of recently ended halves: the producer may answer two checks of one
     * half (the second asked before its first answer arrived), and only the first answer may store the message.
     * Bounded; forgotten on restart, where a late second answer can still commit a copy (as in Apache).
     */
    private final Map<Long, Boolean> endedOrigins = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > ENDED_ORIGINS_KEPT;
        }
    };

    public TransactionalMessageService(MessageStore store, TopicConfigManager topics, InetSocketAddress storeHost) {
        this.store = store;
        this.topics = topics;
        this.storeHost = storeHost;
    }

    /** Stores a half message. */
    public CompletableFuture<PutMessageResult> prepare(MessageExtBrokerInner msg) {
        topics.createIfAbsent(TopicValidator.RMQ_SYS_TRANS_HALF_TOPIC, 1, PERM, 0);
        msg.putProperty(MessageConst.PROPERTY_REAL_TOPIC, msg.getTopic());
        msg.putProperty(MessageConst.PROPERTY_REAL_QUEUE_ID, String.valueOf(msg.getQueueId()));
        msg.setSysFlag(MessageSysFlag.resetTransactionType(msg.getSysFlag(), MessageSysFlag.TRANSACTION_NOT_TYPE));
        msg.setTopic(TopicValidator.RMQ_SYS_TRANS_HALF_TOPIC);
        msg.setQueueId(0);
        msg.encodePropertiesString();
        return store.asyncPutMessage(msg);
    }

    /** The half message at a physical offset, or null. */
    public MessageExt lookHalf(long commitLogOffset) {
        MessageExt m = store.lookMessageByOffset(commitLogOffset);
        return m != null && TopicValidator.RMQ_SYS_TRANS_HALF_TOPIC.equals(m.getTopic()) ? m : null;
    }

    /**
     * Claims the end of {@code half}'s transaction: false when another copy of the same half (they all name the first
     * in TRAN_PREPARED_QUEUE_OFFSET) was ended already.
     */
    public boolean claimEnd(MessageExt half) {
        synchronized (endedOrigins) {
            return endedOrigins.putIfAbsent(originOf(half), Boolean.TRUE) == null;
        }
    }

    /** Gives a claim back after the end could not be stored, so the next answer can end it. */
    public void releaseEnd(MessageExt half) {
        synchronized (endedOrigins) {
            endedOrigins.remove(originOf(half));
        }
    }

    private static long originOf(MessageExt half) {
        return TransactionalMessageCheckService.originOf(half, half.getQueueOffset());
    }

    /** Stores the committed message in its real topic. */
    public PutMessageResult commit(MessageExt half) {
        MessageExtBrokerInner msg = new MessageExtBrokerInner();
        msg.setTopic(half.getProperty(MessageConst.PROPERTY_REAL_TOPIC));
        msg.setQueueId(Integer.parseInt(half.getProperty(MessageConst.PROPERTY_REAL_QUEUE_ID)));
        msg.setBody(half.getBody());
        msg.setFlag(half.getFlag());
        HashMap<String, String> props = new HashMap<>(half.getProperties());
        props.put(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "false");
        msg.setProperties(props);
        msg.encodePropertiesString();
        msg.setSysFlag(MessageSysFlag.resetTransactionType(half.getSysFlag(), MessageSysFlag.TRANSACTION_COMMIT_TYPE));
        msg.setBornTimestamp(half.getBornTimestamp());
        msg.setBornHost(half.getBornHost());
        msg.setStoreHost(storeHost);
        msg.setReconsumeTimes(half.getReconsumeTimes());
        msg.setPreparedTransactionOffset(half.getCommitLogOffset());
        return store.putMessage(msg);
    }

    /** Marks a half message as handled (committed or rolled back). */
    public PutMessageResult markDone(MessageExt half) {
        topics.createIfAbsent(TopicValidator.RMQ_SYS_TRANS_OP_HALF_TOPIC, 1, PERM, 0);
        MessageExtBrokerInner op = new MessageExtBrokerInner();
        op.setTopic(TopicValidator.RMQ_SYS_TRANS_OP_HALF_TOPIC);
        op.setQueueId(0);
        op.setBody(String.valueOf(half.getQueueOffset()).getBytes(StandardCharsets.UTF_8));
        op.putProperty(MessageConst.PROPERTY_TAGS, REMOVE_TAG);
        op.putProperty(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "false");
        op.encodePropertiesString();
        op.setBornTimestamp(System.currentTimeMillis());
        op.setBornHost(storeHost);
        op.setStoreHost(storeHost);
        return store.putMessage(op);
    }
}
