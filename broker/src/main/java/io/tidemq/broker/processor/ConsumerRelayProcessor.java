package io.tidemq.broker.processor;

import io.tidemq.broker.client.Broker2Client;
import io.tidemq.broker.client.ClientChannelInfo;
import io.tidemq.broker.client.ConsumerGroupInfo;
import io.tidemq.broker.client.ConsumerManager;
import io.tidemq.common.json.Json;
import io.tidemq.common.message.MessageId;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.GetConsumerStatusBody;
import io.tidemq.common.protocol.body.MessageQueue;
import io.tidemq.common.protocol.header.ConsumeMessageDirectlyResultRequestHeader;
import io.tidemq.common.protocol.header.GetConsumerRunningInfoRequestHeader;
import io.tidemq.common.protocol.header.GetConsumerStatusRequestHeader;
import io.tidemq.remoting.InvokeCallback;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.exception.RemotingTimeoutException;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.MessageStore;
import io.tidemq.store.SelectMappedBufferResult;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admin requests the broker answers by asking a consumer over the consumer's own connection:
 * GET_CONSUMER_RUNNING_INFO (307) and CONSUME_MESSAGE_DIRECTLY (309) are relayed to one client and its answer is
 * passed back as it is; INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223) asks every client of the group (or one) for its
 * offsets of a topic and gathers the answers. Nothing blocks a thread while a client thinks: the answer is written
 * when the client's arrives, or when the wait times out.
 */
public final class ConsumerRelayProcessor implements RequestProcessor {
    /** How long a relayed request waits for the client (4.9's broker waits as long). */
    static final long RELAY_TIMEOUT_MILLIS = 10_000;
    /**
     * How long the clients may take to report their offsets. 4.9 waits 5 s per client, one after the other, while
     * the admin gives up after 5 s in all: asked in parallel and answered in time, the admin gets the answer. The
     * server finds timed-out requests by a scan once a second, so a wait of 3 s ends within 4 s, leaving a second
     * of margin on a loaded machine (4 s left none: CI once saw the admin time out first).
     */
    static final long STATUS_TIMEOUT_MILLIS = 3_000;
    /** Clients older than V3_1_8_SNAPSHOT cannot answer a relay; older than V3_0_7_SNAPSHOT cannot report status. */
    private static final int RELAY_MIN_VERSION = 62;
    private static final int STATUS_MIN_VERSION = 28;

    private final ConsumerManager consumers;
    private final Broker2Client broker2Client;
    private final MessageStore store;
    private final String brokerName;

    public ConsumerRelayProcessor(ConsumerManager consumers, Broker2Client broker2Client, MessageStore store,
                                  String brokerName) {
        this.consumers = consumers;
        this.broker2Client = broker2Client;
        this.store = store;
        this.brokerName = brokerName;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        return switch (request.getCode()) {
            case RequestCode.GET_CONSUMER_RUNNING_INFO -> {
                GetConsumerRunningInfoRequestHeader h =
                        request.decodeHeader(GetConsumerRunningInfoRequestHeader.class);
                yield relay(channel, request, h.consumerGroup, h.clientId, null);
            }
            case RequestCode.CONSUME_MESSAGE_DIRECTLY -> consumeDirectly(channel, request);
            case RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS -> consumerStatus(channel, request);
            default -> RemotingCommand.createResponse(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    " request type " + request.getCode() + " not supported");
        };
    }

    /** 309: the stored message travels with the request, so the client consumes exactly what is stored. */
    private RemotingCommand consumeDirectly(RemoteChannel channel, RemotingCommand request) throws Exception {
        ConsumeMessageDirectlyResultRequestHeader h =
                request.decodeHeader(ConsumeMessageDirectlyResultRequestHeader.class);
        long offset;
        try {
            offset = MessageId.decodeOffsetId(h.msgId).offset();
        } catch (IllegalArgumentException e) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        SelectMappedBufferResult stored = store.selectOneMessageByOffset(offset);
        if (stored == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "no message at commit log offset "
                    + offset + " (msgId " + h.msgId + ")");
        }
        byte[] record;
        try {
            ByteBuffer b = stored.buffer();
            record = new byte[stored.size()];
            b.get(0, record);
        } finally {
            stored.release();
        }
        return relay(channel, request, h.consumerGroup, h.clientId, record);
    }

    private RemotingCommand relay(RemoteChannel channel, RemotingCommand request, String group, String clientId,
                                  byte[] body) throws InterruptedException {
        ClientChannelInfo client = find(group, clientId);
        if (client == null) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR,
                    "The Consumer <" + group + "> <" + clientId + "> not online");
        }
        if (client.version() < RELAY_MIN_VERSION) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR, "The Consumer <" + clientId
                    + "> Version <" + client.version() + "> too low to finish, please upgrade it to V3_1_8_SNAPSHOT");
        }
        Map<String, String> fields = new HashMap<>(request.getExtFields() == null ? Map.of() : request.getExtFields());
        if (request.getCode() == RequestCode.CONSUME_MESSAGE_DIRECTLY) {
            fields.put("brokerName", brokerName);
        }
        RemotingCommand toClient = RemotingCommand.createRequest(request.getCode()).setExtFields(fields);
        if (body != null) {
            toClient.setBody(body);
        }
        String who = group + " " + clientId;
        invoke(client, toClient, RELAY_TIMEOUT_MILLIS, new InvokeCallback() {
            @Override
            public void onResponse(RemotingCommand answer) {
                ResponseWriter.write(channel, request, copyOf(answer));
            }

            @Override
            public void onFailure(Throwable cause) {
                ResponseWriter.write(channel, request, cause instanceof RemotingTimeoutException
                        ? RemotingCommand.createResponse(ResponseCode.CONSUME_MSG_TIMEOUT,
                                "consumer <" + who + "> Timeout: " + cause)
                        : RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR,
                                "invoke consumer <" + who + "> Exception: " + cause));
            }
        });
        return null;
    }

    /** 223: each client's offsets of the topic, by client id; clients that fail to answer are left out. */
    private RemotingCommand consumerStatus(RemoteChannel channel, RemotingCommand request) throws Exception {
        GetConsumerStatusRequestHeader h = request.decodeHeader(GetConsumerStatusRequestHeader.class);
        ConsumerGroupInfo info = consumers.group(h.group);
        if (info == null || info.channels().isEmpty()) {
            return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR,
                    "No Any Consumer online in the consumer group: [" + h.group + "]");
        }
        List<ClientChannelInfo> asked = new ArrayList<>();
        for (ClientChannelInfo c : info.channels().values()) {
            if (c.version() < STATUS_MIN_VERSION) {
                return RemotingCommand.createResponse(ResponseCode.SYSTEM_ERROR,
                        "the client does not support this feature. version=" + c.version());
            }
            if (h.clientAddr == null || h.clientAddr.isBlank() || h.clientAddr.equals(c.clientId())) {
                asked.add(c);
            }
        }
        Map<String, Map<MessageQueue, Long>> gathered = new ConcurrentHashMap<>();
        AtomicInteger pending = new AtomicInteger(asked.size() + 1);
        Runnable done = () -> {
            if (pending.decrementAndGet() == 0) {
                GetConsumerStatusBody body = new GetConsumerStatusBody();
                body.consumerTable.putAll(gathered);
                ResponseWriter.write(channel, request,
                        RemotingCommand.createResponse(ResponseCode.SUCCESS, null).setBody(Json.toBytes(body)));
            }
        };
        for (ClientChannelInfo c : asked) {
            GetConsumerStatusRequestHeader out = new GetConsumerStatusRequestHeader();
            out.topic = h.topic;
            out.group = h.group;
            invoke(c, RemotingCommand.createRequest(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, out),
                    STATUS_TIMEOUT_MILLIS, new InvokeCallback() {
                        @Override
                        public void onResponse(RemotingCommand answer) {
                            if (answer.getCode() == ResponseCode.SUCCESS && answer.getBody() != null) {
                                try {
                                    GetConsumerStatusBody b = Json.fromFastjsonBytes(answer.getBody(),
                                            GetConsumerStatusBody.class);
                                    gathered.put(c.clientId(), b.messageQueueTable);
                                } catch (RuntimeException unreadable) {
                                    // a client's garbled answer leaves that client out, as a silent one would
                                }
                            }
                            done.run();
                        }

                        @Override
                        public void onFailure(Throwable cause) {
                            done.run();
                        }
                    });
        }
        done.run();
        return null;
    }

    private ClientChannelInfo find(String group, String clientId) {
        ConsumerGroupInfo info = consumers.group(group);
        return info == null || clientId == null ? null : info.findByClientId(clientId);
    }

    private void invoke(ClientChannelInfo client, RemotingCommand request, long timeoutMillis,
                        InvokeCallback callback) throws InterruptedException {
        try {
            broker2Client.server().invokeAsync(client.channel(), request, timeoutMillis, callback);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            callback.onFailure(e);
        }
    }

    /** The client's answer as the admin's: code, remark, fields and body pass unchanged. */
    private static RemotingCommand copyOf(RemotingCommand answer) {
        RemotingCommand r = RemotingCommand.createResponse(answer.getCode(), answer.getRemark());
        if (answer.getExtFields() != null) {
            r.setExtFields(new HashMap<>(answer.getExtFields()));
        }
        if (answer.getBody() != null) {
            r.setBody(answer.getBody());
        }
        return r;
    }
}
