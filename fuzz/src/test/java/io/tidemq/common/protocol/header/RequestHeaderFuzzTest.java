package io.tidemq.common.protocol.header;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tidemq.common.protocol.header.controller.AlterSyncStateSetRequestHeader;
import io.tidemq.common.protocol.header.controller.BrokerHeartbeatRequestHeader;
import io.tidemq.common.protocol.header.controller.RegisterBrokerToControllerRequestHeader;
import io.tidemq.common.protocol.header.namesrv.PutKVConfigRequestHeader;
import io.tidemq.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import io.tidemq.fuzz.FuzzCases;
import io.tidemq.remoting.exception.RemotingCommandException;
import io.tidemq.remoting.protocol.HeaderCodec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extFields of the requests servers take from anyone, as arbitrary maps: decoding into the typed header either
 * works or is refused with a {@link RemotingCommandException} naming the field, and what decoded encodes to a map
 * that decodes to the same header again.
 */
class RequestHeaderFuzzTest {
    private static final List<Class<?>> HEADERS = List.of(SendMessageRequestHeader.class,
            SendMessageRequestHeaderV2.class, PullMessageRequestHeader.class, UpdateConsumerOffsetRequestHeader.class,
            QueryConsumerOffsetRequestHeader.class, EndTransactionRequestHeader.class,
            ConsumerSendMsgBackRequestHeader.class, QueryMessageRequestHeader.class, CreateTopicRequestHeader.class,
            SearchOffsetRequestHeader.class, ResetOffsetRequestHeader.class, RegisterBrokerRequestHeader.class,
            PutKVConfigRequestHeader.class, BrokerHeartbeatRequestHeader.class,
            RegisterBrokerToControllerRequestHeader.class, AlterSyncStateSetRequestHeader.class);
    private static final List<String> NAMES = List.of("topic", "queueId", "queueOffset", "maxMsgNums", "sysFlag",
            "commitOffset", "suspendTimeoutMillis", "subscription", "subVersion", "expressionType", "consumerGroup",
            "producerGroup", "bornTimestamp", "flag", "properties", "reconsumeTimes", "unitMode", "batch",
            "maxReconsumeTimes", "tranStateTableOffset", "commitLogOffset", "commitOrRollback", "fromTransactionCheck",
            "msgId", "transactionId", "offset", "group", "delayLevel", "originMsgId", "originTopic", "key", "beginTimestamp",
            "endTimestamp", "maxNum", "readQueueNums", "writeQueueNums", "perm", "topicFilterType", "order",
            "timestamp", "isForce", "brokerName", "brokerAddr", "clusterName", "haServerAddr", "brokerId", "compressed",
            "bodyCrc32", "namespace", "value", "masterEpoch", "epoch", "a", "b", "c", "d", "e", "f", "g", "h", "i",
            "j", "k", "l", "m");

    @FuzzTest(maxDuration = "20s")
    void decodeOrRefuse(FuzzedDataProvider data) throws RemotingCommandException {
        FuzzCases.ran("request header fields");
        Class<?> type = data.pickValue(HEADERS);
        Map<String, String> fields = new HashMap<>();
        int n = data.consumeInt(0, 24);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(12);
            fields.put(name, data.consumeString(40));
        }
        Object header;
        try {
            header = HeaderCodec.decode(type, fields);
        } catch (RemotingCommandException refused) {
            assertThat(refused.getMessage()).contains("field");
            return;
        }
        Map<String, String> encoded = HeaderCodec.encode(header);
        assertThat(HeaderCodec.encode(HeaderCodec.decode(type, encoded))).isEqualTo(encoded);
    }
}
