package io.tidemq.broker.slave;

import io.tidemq.broker.offset.ConsumerOffsetManager;
import io.tidemq.broker.schedule.DelayOffsetTable;
import io.tidemq.broker.schedule.ScheduleMessageService;
import io.tidemq.broker.subscription.SubscriptionGroupManager;
import io.tidemq.broker.topic.TopicConfigManager;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.ConsumerOffsetSerializeWrapper;
import io.tidemq.common.protocol.body.SubscriptionGroupWrapper;
import io.tidemq.common.protocol.body.TopicConfigSerializeWrapper;
import io.tidemq.remoting.exception.RemotingException;
import io.tidemq.remoting.netty.NettyRemotingClient;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * A slave's copy of its master's metadata: topics, subscription groups, consumer offsets and delay offsets,
 * fetched every few seconds. Offsets consumers committed on the slave while the master was away are pushed back
 * to the master first, so a returning master does not rewind them.
 */
public final class SlaveSynchronize {
    private static final Logger LOG = LoggerFactory.getLogger(SlaveSynchronize.class);
    private static final long TIMEOUT_MILLIS = 3000;

    private final NettyRemotingClient client;
    private final Supplier<String> masterAddr;
    private final String selfAddr;
    private final TopicConfigManager topics;
    private final SubscriptionGroupManager groups;
    private final ConsumerOffsetManager offsets;
    private final ScheduleMessageService schedule;

    public SlaveSynchronize(NettyRemotingClient client, Supplier<String> masterAddr, String selfAddr,
                            TopicConfigManager topics, SubscriptionGroupManager groups, ConsumerOffsetManager offsets,
                            ScheduleMessageService schedule) {
        this.client = client;
        this.masterAddr = masterAddr;
        this.selfAddr = selfAddr;
        this.topics = topics;
        this.groups = groups;
        this.offsets = offsets;
        this.schedule = schedule;
    }

    /** One round; failures are logged and retried next round. */
    public void syncAll() {
        String master = masterAddr.get();
        if (master == null || master.equals(selfAddr)) {
            return;
        }
        try {
            pushLocalOffsets(master);
            syncTopics(master);
            syncOffsets(master);
            syncDelayOffsets(master);
            syncGroups(master);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RemotingException | RuntimeException e) {
            LOG.info("metadata sync from master {} failed: {}", master, e.toString());
        }
    }

    private byte[] fetch(String master, int code) throws InterruptedException, RemotingException {
        RemotingCommand response = client.invokeSync(master, RemotingCommand.createRequest(code), TIMEOUT_MILLIS);
        if (response.getCode() != ResponseCode.SUCCESS || response.getBody() == null) {
            return null;
        }
        return response.getBody();
    }

    private void syncTopics(String master) throws InterruptedException, RemotingException {
        byte[] body = fetch(master, RequestCode.GET_ALL_TOPIC_CONFIG);
        if (body != null) {
            TopicConfigSerializeWrapper w = Json.fromBytes(body, TopicConfigSerializeWrapper.class);
            if (!w.dataVersion.equals(topics.dataVersion())) {
                topics.replaceAll(w);
                LOG.info("topic table synchronized from master {} ({})", master, w.dataVersion);
            }
        }
    }

    private void syncOffsets(String master) throws InterruptedException, RemotingException {
        byte[] body = fetch(master, RequestCode.GET_ALL_CONSUMER_OFFSET);
        if (body != null) {
            offsets.mergeFrom(Json.fromBytes(body, ConsumerOffsetSerializeWrapper.class));
            offsets.persist();
        }
    }

    private void syncDelayOffsets(String master) throws InterruptedException, RemotingException {
        byte[] body = fetch(master, RequestCode.GET_ALL_DELAY_OFFSET);
        if (body != null) {
            schedule.replaceOffsets(Json.fromBytes(body, DelayOffsetTable.class));
        }
    }

    private void syncGroups(String master) throws InterruptedException, RemotingException {
        byte[] body = fetch(master, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG);
        if (body != null) {
            SubscriptionGroupWrapper w = Json.fromBytes(body, SubscriptionGroupWrapper.class);
            if (!w.dataVersion.equals(groups.dataVersion())) {
                groups.replaceAll(w);
            }
        }
    }

    /** Offsets committed on this slave (while the master was unreachable) go to the master before merging back. */
    private void pushLocalOffsets(String master) throws InterruptedException, RemotingException {
        for (ConsumerOffsetManager.Commit c : offsets.drainLocalCommits()) {
            RemotingCommand request = RemotingCommand.createRequest(RequestCode.UPDATE_CONSUMER_OFFSET);
            request.addExtField("consumerGroup", c.group());
            request.addExtField("topic", c.topic());
            request.addExtField("queueId", String.valueOf(c.queueId()));
            request.addExtField("commitOffset", String.valueOf(c.offset()));
            RemotingCommand response = client.invokeSync(master, request, TIMEOUT_MILLIS);
            if (response.getCode() != ResponseCode.SUCCESS) {
                offsets.markLocalCommit(c);
            }
        }
    }
}
