package io.tidemq.broker.acl;

import io.tidemq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.acl.common.AclUtils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature as the official 4.9.3 client computes it, and ours as Apache's broker would check it. */
class AccessSignatureTest {
    @Test
    void theOfficialClientsSignatureVerifiesOverTheFieldsAsTheyArrive() {
        byte[] body = "hello ACL".getBytes(StandardCharsets.UTF_8);
        RemotingCommand arrived = ApacheSigned.request(310, ApacheSigned.sendHeader("topicB"), body, "producerAK",
                "12345678");
        assertThat(arrived.getExtField(AccessSignature.ACCESS_KEY)).isEqualTo("producerAK");
        byte[] content = AccessSignature.content(arrived.getExtFields(), body);
        assertThat(AccessSignature.verify(content, "12345678", arrived.getExtField(AccessSignature.SIGNATURE)))
                .isTrue();
        assertThat(AccessSignature.verify(content, "12345679", arrived.getExtField(AccessSignature.SIGNATURE)))
                .isFalse();
    }

    @Test
    void ourSignerMatchesApachesServerSideComputation() {
        RemotingCommand ours = RemotingCommand.createRequest(34)
                .addExtField("clientID", "127.0.0.1@1").addExtField("topic", "T");
        byte[] body = "{\"clientID\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        ours.setBody(body);
        ClientCredentials c = ClientCredentials.parse("{\"accessKey\":\"brokerAK\",\"secretKey\":\"brokerSecret\"}");
        new RequestSigner(c).beforeRequest("127.0.0.1:10911", ours);

        // what Apache's PlainAccessValidator.parse computes from the arrived fields
        SortedMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : ours.getExtFields().entrySet()) {
            if (!e.getKey().equals("Signature")) {
                sorted.put(e.getKey(), e.getValue());
            }
        }
        org.apache.rocketmq.remoting.protocol.RemotingCommand apache =
                org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(34, null);
        apache.setBody(body);
        String expected = AclUtils.calSignature(AclUtils.combineRequestContent(apache, sorted), "brokerSecret");
        assertThat(ours.getExtField("Signature")).isEqualTo(expected);
        assertThat(ours.getExtField("AccessKey")).isEqualTo("brokerAK");
    }

    @Test
    void signingTwiceReplacesTheSignatureInsteadOfSigningIt() {
        RemotingCommand r = RemotingCommand.createRequest(38).addExtField("consumerGroup", "g");
        ClientCredentials c = ClientCredentials.parse("{\"accessKey\":\"brokerAK\",\"secretKey\":\"brokerSecret\"}");
        new RequestSigner(c).beforeRequest("a", r);
        String first = r.getExtField("Signature");
        new RequestSigner(c).beforeRequest("a", r);
        assertThat(r.getExtField("Signature")).isEqualTo(first);
    }
}
