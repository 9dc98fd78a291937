package io.tidemq.broker.transaction;

import io.tidemq.broker.client.Broker2Client;
import io.tidemq.broker.client.ClientChannelInfo;
import io.tidemq.broker.client.ProducerManager;
import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.broker.topic.TopicValidator;
import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.common.message.StoredRecordWriter;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.header.CheckTransactionStateRequestHeader;
import io.tidemq.common.topic.PermName;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.MessageStore;
import io.tidemq.store.PutMessageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks producers about half messages nobody committed or rolled back (CHECK_TRANSACTION_STATE), as Apache 4.9 does:
 * every {@code transactionCheckInterval} it walks the half queue from where it stopped, skips halves an op record
 * marks done, stops at the first one younger than {@code transactionTimeOut} (or its CHECK_IMMUNITY_TIME_IN_SECONDS;
 * one born later than now is checked at once; a copy asked about less than {@code transactionTimeOut} ago waits),
 * and for each older one stores a copy at the end of the half queue with TRANSACTION_CHECK_TIMES + 1 and asks one
 * live producer of its group about that copy; the producer's END_TRANSACTION then names the copy. After
 * {@code transactionCheckMax} checks a half is given up: moved to {@value #GIVEN_UP}, where operators look for it
 * and from where RESUME_CHECK_HALF_MESSAGE puts it back.
 * Progress is kept as the offsets of group {@value #GROUP} on the half and op queues. Masters only.
 */
public final class TransactionalMessageCheckService {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalMessageCheckService.class);
    /** The group name Apache keeps this progress under, so offsets carry over between the two. */
    static final String GROUP = "CID_RMQ_SYS_TRANS";
    private static final String HALF = TopicValidator.RMQ_SYS_TRANS_HALF_TOPIC;
    private static final String OP = TopicValidator.RMQ_SYS_TRANS_OP_HALF_TOPIC;
    static final String GIVEN_UP = TopicValidator.RMQ_SYS_TRANS_CHECK_MAX_TIME_TOPIC;

    private final MessageStore store;
    private final TopicConfigManager topics;
    private final ConsumerOffsetManager offsets;
    private final ProducerManager producers;
    private final Broker2Client broker2Client;
    private final InetSocketAddress storeHost;
    private final long timeoutMillis;
    private final int checkMax;

    public TransactionalMessageCheckService(MessageStore store, TopicConfigManager topics,
                                            ConsumerOffsetManager offsets, ProducerManager producers,
                                            Broker2Client broker2Client, InetSocketAddress storeHost,
                                            long timeoutMillis, int checkMax) {
        this.store = store;
        this.topics = topics;
        this.offsets = offsets;
        this.producers = producers;
        this.broker2Client = broker2Client;
        this.storeHost = storeHost;
        this.timeoutMillis = timeoutMillis;
        this.checkMax = checkMax;
    }

    /** One pass over the half queue; returns how many check requests went out. */
    public int checkOnce(long now) {
        long halfMax = store.getMaxOffsetInQueue(HALF, 0);
        long halfFrom = Math.max(offsets.query(GROUP, HALF, 0), store.getMinOffsetInQueue(HALF, 0));
        if (halfFrom >= halfMax) {
            return 0;
        }
        long opMax = store.getMaxOffsetInQueue(OP, 0);
        long opFrom = Math.max(offsets.query(GROUP, OP, 0), store.getMinOffsetInQueue(OP, 0));
        List<Long> opTargets = new ArrayList<>();
        Set<Long> done = new HashSet<>();
        // a half's checked copies all name the first one (TRAN_PREPARED_QUEUE_OFFSET): once any of them is ended,
        // the others are settled too, so a late answer cannot commit the message twice
        Set<Long> doneOrigins = new HashSet<>();
        for (long o = opFrom; o < opMax; o++) {
            long target = doneHalfOffset(o);
            opTargets.add(target);
            if (target >= 0) {
                done.add(target);
                MessageExt ended = read(HALF, target);
                doneOrigins.add(ended == null ? target : originOf(ended, target));
            }
        }
        int sent = 0;
        long i = halfFrom;
        for (; i < halfMax; i++) {
            if (done.contains(i)) {
                continue;
            }
            MessageExt half = read(HALF, i);
            if (half == null) {
                continue;
            }
            long origin = originOf(half, i);
            if (doneOrigins.contains(origin)) {
                continue;
            }
            int times = (int) parseLong(half.getProperty(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES), 0);
            if (times == 0) {
                long age = now - half.getBornTimestamp();
                // born "in the future" (our clock stepped back, or the producer's runs ahead): its age is unknown,
                // so it is checked now, as Apache does, rather than held up - with every half after it - for the
                // length of the step
                if (age >= 0 && age < immunityMillis(half)) {
                    break; // the rest of the queue is younger still
                }
            } else {
                // a copy an earlier check stored: its producer gets transactionTimeOut to answer, measured on our
                // own clock, before it is asked again (from its born time, a half born "in the future" would be
                // asked every round, and each answer commits a copy of its own)
                long sinceAsked = now - half.getStoreTimestamp();
                if (sinceAsked >= 0 && sinceAsked < timeoutMillis) {
                    break;
                }
            }
            if (times >= checkMax) {
                if (!giveUp(half, times)) {
                    break; // not moved: keep it in the half queue and try again next round
                }
                continue;
            }
            MessageExt copy = putBack(half, times + 1, origin);
            if (copy == null) {
                break; // the store refused: try again next round from here
            }
            if (ask(copy)) {
                sent++;
            }
        }
        offsets.commit(GROUP, HALF, 0, i);
        long o = opFrom;
        for (long target : opTargets) {
            if (target >= i) {
                break; // an op for a half not passed yet: read it again next round
            }
            o++;
        }
        offsets.commit(GROUP, OP, 0, o);
        return sent;
    }

    /** Moves a half nobody answered for to {@value #GIVEN_UP}; false when the store refused it. */
    private boolean giveUp(MessageExt half, int times) {
        topics.createIfAbsent(GIVEN_UP, 1, PermName.PERM_READ | PermName.PERM_WRITE, 0);
        MessageExtBrokerInner moved = copyOf(half, GIVEN_UP, half.getProperties());
        moved.setStoreHost(half.getStoreHost());
        PutMessageResult r = store.putMessage(moved);
        if (!r.isOk()) {
            LOG.warn("cannot move given-up half message {} to {}: {}", half.getMsgId(), GIVEN_UP, r.status());
            return false;
        }
        LOG.warn("half message {} of group {} was checked {} times without an answer; moved to {}",
                half.getMsgId(), half.getProperty(MessageConst.PROPERTY_PRODUCER_GROUP), times, GIVEN_UP);
        return true;
    }

    /** The half queue offset of the first copy of this half message. */
    static long originOf(MessageExt half, long queueOffset) {
        return parseLong(half.getProperty(MessageConst.PROPERTY_TRANSACTION_PREPARED_QUEUE_OFFSET), queueOffset);
    }

    private long immunityMillis(MessageExt half) {
        long seconds = parseLong(half.getProperty(MessageConst.PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS), -1);
        return seconds > 0 ? Math.max(timeoutMillis, seconds * 1000) : timeoutMillis;
    }

    /** The half queue offset an op record marks done, or -1. */
    private long doneHalfOffset(long opOffset) {
        MessageExt op = read(OP, opOffset);
        if (op == null || op.getBody() == null) {
            return -1;
        }
        return parseLong(new String(op.getBody(), StandardCharsets.UTF_8).trim(), -1);
    }

    private MessageExt read(String topic, long queueOffset) {
        long phy = store.getCommitLogOffsetInQueue(topic, 0, queueOffset);
        return phy < 0 ? null : store.lookMessageByOffset(phy);
    }

    /** Stores a copy of {@code half} at the end of the half queue, counting this check; null when refused. */
    private MessageExt putBack(MessageExt half, int times, long origin) {
        Map<String, String> props = new HashMap<>(half.getProperties());
        props.put(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES, Integer.toString(times));
        props.put(MessageConst.PROPERTY_TRANSACTION_PREPARED_QUEUE_OFFSET, Long.toString(origin));
        MessageExtBrokerInner copy = copyOf(half, HALF, props);
        copy.setStoreHost(storeHost);
        PutMessageResult r = store.putMessage(copy);
        if (!r.isOk()) {
            LOG.warn("cannot store the checked copy of half message {}: {}", half.getMsgId(), r.status());
            return null;
        }
        // the producer is asked about the stored copy, shown under its real topic and queue
        copy.setTopic(half.getProperty(MessageConst.PROPERTY_REAL_TOPIC));
        copy.setQueueId((int) parseLong(half.getProperty(MessageConst.PROPERTY_REAL_QUEUE_ID), 0));
        copy.setStoreTimestamp(r.appendResult().storeTimestamp());
        copy.setQueueOffset(r.appendResult().logicsOffset());
        copy.setCommitLogOffset(r.appendResult().wroteOffset());
        copy.setMsgId(r.appendResult().msgIds());
        return copy;
    }

    /**
     * RESUME_CHECK_HALF_MESSAGE: a copy of a given-up half (read back from {@value #GIVEN_UP}) for the half queue,
     * its check count reset, so the producer is asked about it again from the next round on.
     */
    public static MessageExtBrokerInner resumed(MessageExt givenUp) {
        Map<String, String> props = new HashMap<>(givenUp.getProperties());
        props.put(MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES, "0");
        MessageExtBrokerInner copy = copyOf(givenUp, HALF, props);
        copy.setStoreHost(givenUp.getStoreHost());
        return copy;
    }

    /** A new record of {@code half}'s body and flags in queue 0 of {@code topic}. */
    static MessageExtBrokerInner copyOf(MessageExt half, String topic, Map<String, String> properties) {
        MessageExtBrokerInner copy = new MessageExtBrokerInner();
        copy.setTopic(topic);
        copy.setQueueId(0);
        copy.setBody(half.getBody());
        copy.setFlag(half.getFlag());
        copy.setProperties(new HashMap<>(properties));
        copy.encodePropertiesString();
        copy.setTagsCode(MessageExtBrokerInner.tagsCodeOf(half.getTags()));
        copy.setSysFlag(half.getSysFlag());
        copy.setBornTimestamp(half.getBornTimestamp());
        copy.setBornHost(half.getBornHost());
        copy.setReconsumeTimes(half.getReconsumeTimes());
        return copy;
    }

    /** Sends CHECK_TRANSACTION_STATE about {@code copy} to one live producer of its group. */
    private boolean ask(MessageExt copy) {
        String group = copy.getProperty(MessageConst.PROPERTY_PRODUCER_GROUP);
        ClientChannelInfo producer = group == null ? null : producers.anyChannel(group);
        if (producer == null) {
            LOG.info("no live producer of group {} to check half message {}", group, copy.getMsgId());
            return false;
        }
        CheckTransactionStateRequestHeader h = new CheckTransactionStateRequestHeader();
        h.tranStateTableOffset = copy.getQueueOffset();
        h.commitLogOffset = copy.getCommitLogOffset();
        h.msgId = copy.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        h.transactionId = h.msgId;
        h.offsetMsgId = copy.getMsgId();
        RemotingCommand request = RemotingCommand.createRequest(RequestCode.CHECK_TRANSACTION_STATE, h);
        request.setBody(StoredRecordWriter.write(copy));
        return broker2Client.sendOneway(producer, request);
    }

    private static long parseLong(String s, long otherwise) {
        if (s == null || s.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
