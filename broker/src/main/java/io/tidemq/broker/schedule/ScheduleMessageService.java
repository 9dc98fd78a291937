package io.tidemq.broker.schedule;

import io.tidemq.broker.topic.TopicValidator;
import io.tidemq.broker.util.JsonConfigFile;
import io.tidemq.common.message.MessageConst;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.MessageExtBrokerInner;
import io.tidemq.store.DelayLevels;
import io.tidemq.store.GetMessageResult;
import io.tidemq.store.MessageFilter;
import io.tidemq.store.MessageStore;
import io.tidemq.store.PutMessageResult;
import io.tidemq.store.SelectMappedBufferResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers delayed messages: each level's queue in SCHEDULE_TOPIC_XXXX is in delivery-time order (the consume-queue
 * tags code holds the due time), so a level is walked from its saved offset and every due message is re-stored in
 * its real topic and queue. Runs on masters only.
 */
public final class ScheduleMessageService {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleMessageService.class);
    private static final long TICK_MILLIS = 100;
    private static final int BATCH = 32;

    private final MessageStore store;
    private final DelayLevels levels;
    private final InetSocketAddress storeHost;
    private final JsonConfigFile<DelayOffsetTable> file;
    private final long persistIntervalMillis;
    private DelayOffsetTable offsets = new DelayOffsetTable();
    private ScheduledExecutorService timer;

    public ScheduleMessageService(MessageStore store, DelayLevels levels, InetSocketAddress storeHost, Path configDir,
                                  long persistIntervalMillis) {
        this.store = store;
        this.levels = levels;
        this.storeHost = storeHost;
        this.file = new JsonConfigFile<>(configDir.resolve("delayOffset.json"), DelayOffsetTable.class);
        this.persistIntervalMillis = persistIntervalMillis;
    }

    public void load() {
        DelayOffsetTable stored = file.load();
        if (stored != null) {
            offsets = stored;
        }
    }

    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ScheduleMessageService");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::deliverAll, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::persist, persistIntervalMillis, persistIntervalMillis,
                TimeUnit.MILLISECONDS);
    }

    public synchronized void shutdown() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        persist();
    }

    public void persist() {
        file.store(offsets);
    }

    /** The offsets table (GET_ALL_DELAY_OFFSET, runtime info). */
    public DelayOffsetTable offsets() {
        return offsets;
    }

    /** Replaces the offsets with a master's (slave metadata sync). */
    public void replaceOffsets(DelayOffsetTable master) {
        offsets = master;
        persist();
    }

    private void deliverAll() {
        try {
            for (int level = 1; level <= levels.maxLevel(); level++) {
                deliverLevel(level, System.currentTimeMillis());
            }
        } catch (RuntimeException e) {
            LOG.warn("delayed delivery failed, will retry", e);
        }
    }

    void deliverLevel(int level, long now) {
        int queueId = level - 1;
        long offset = offsets.offsetTable.getOrDefault(level, 0L);
        long min = store.getMinOffsetInQueue(TopicValidator.RMQ_SYS_SCHEDULE_TOPIC, queueId);
        if (offset < min) {
            offset = min;
        }
        if (offset >= store.getMaxOffsetInQueue(TopicValidator.RMQ_SYS_SCHEDULE_TOPIC, queueId)) {
            return;
        }
        GetMessageResult result = store.getMessage("SCHEDULE", TopicValidator.RMQ_SYS_SCHEDULE_TOPIC, queueId, offset,
                BATCH, new DueFilter(now, levels.millisOf(level)));
        try {
            List<SelectMappedBufferResult> due = result.messages();
            for (int i = 0; i < due.size(); i++) {
                long queueOffset = result.queueOffset(i);
                if (queueOffset != offset) {
                    break; // not contiguous: something before it is not due yet
                }
                MessageExt parked = store.lookMessageByOffset(due.get(i).startOffset());
                if (parked != null) {
                    PutMessageResult r = store.putMessage(restore(parked));
                    if (r == null || !r.isOk()) {
                        LOG.warn("cannot deliver delayed message at {}: {}", queueOffset, r);
                        break;
                    }
                }
                offset = queueOffset + 1;
                offsets.offsetTable.put(level, offset);
            }
        } finally {
            result.release();
        }
    }

    private MessageExtBrokerInner restore(MessageExt parked) {
        MessageExtBrokerInner msg = new MessageExtBrokerInner();
        HashMap<String, String> props = new HashMap<>(parked.getProperties());
        msg.setTopic(props.get(MessageConst.PROPERTY_REAL_TOPIC));
        msg.setQueueId(Integer.parseInt(props.get(MessageConst.PROPERTY_REAL_QUEUE_ID)));
        props.put(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, "false");
        msg.setProperties(props);
        msg.encodePropertiesString();
        msg.setBody(parked.getBody());
        msg.setFlag(parked.getFlag());
        msg.setSysFlag(parked.getSysFlag());
        msg.setBornTimestamp(parked.getBornTimestamp());
        msg.setBornHost(parked.getBornHost());
        msg.setStoreHost(storeHost);
        msg.setReconsumeTimes(parked.getReconsumeTimes());
        return msg;
    }

    /**
     * Accepts the leading run of due units (tags code = due time) and nothing after the first one not yet due. A unit
     * due later than now plus its level's delay was stored before the clock stepped back: it is due now, as Apache
     * delivers it, instead of waiting out the step as well.
     */
    private static final class DueFilter implements MessageFilter {
        private final long now;
        private final long delay;
        private boolean stopped;

        DueFilter(long now, long delay) {
            this.now = now;
            this.delay = delay;
        }

        @Override
        public boolean isMatchedByConsumeQueue(long tagsCode) {
            boolean due = tagsCode <= now || tagsCode > now + delay;
            if (stopped || !due) {
                stopped = true;
                return false;
            }
            return true;
        }
    }
}
