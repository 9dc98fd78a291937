package io.tidemq.broker.acl;

import io.tidemq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.common.protocol.header.CreateTopicRequestHeader;
import org.apache.rocketmq.common.protocol.header.PullMessageRequestHeader;
import org.apache.rocketmq.common.protocol.header.UpdateConsumerOffsetRequestHeader;
import org.apache.rocketmq.common.protocol.heartbeat.ConsumerData;
import org.apache.rocketmq.common.protocol.heartbeat.HeartbeatData;
import org.apache.rocketmq.common.protocol.heartbeat.SubscriptionData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plain ACL decisions for requests signed by the official 4.9.3 client, from an Apache-shaped plain_acl.yml. */
class PlainAclManagerTest {
    private static final String CLIENT = "127.0.0.1:52000";

    @TempDir
    Path home;
    private Path file;
    private PlainAclManager acl;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(home.resolve("conf"));
        file = home.resolve("conf/plain_acl.yml");
        try (InputStream in = getClass().getResourceAsStream("/acl/plain_acl.yml")) {
            Files.copy(in, file);
        }
        acl = PlainAclManager.open(home.toString());
    }

    private static RemotingCommand send(String topic, String ak, String sk) {
        return ApacheSigned.request(310, ApacheSigned.sendHeader(topic), new byte[] {1, 2, 3}, ak, sk);
    }

    private static RemotingCommand pull(String topic, String group, String ak, String sk) {
        PullMessageRequestHeader h = new PullMessageRequestHeader();
        h.setConsumerGroup(group);
        h.setTopic(topic);
        h.setQueueId(0);
        h.setQueueOffset(0L);
        h.setMaxMsgNums(32);
        h.setSysFlag(0);
        h.setCommitOffset(0L);
        h.setSuspendTimeoutMillis(15000L);
        h.setSubVersion(0L);
        return ApacheSigned.request(11, h, null, ak, sk);
    }

    private void allowed(RemotingCommand r) {
        assertThatCode(() -> acl.check(CLIENT, r)).doesNotThrowAnyException();
    }

    private void refused(RemotingCommand r, String why) {
        assertThatThrownBy(() -> acl.check(CLIENT, r)).isInstanceOf(AclException.class).hasMessageContaining(why);
    }

    @Test
    void topicPermissionsAndTheDefaultApplyToSends() {
        allowed(send("topicB", "producerAK", "12345678"));
        allowed(send("topicP", "producerAK", "12345678"));
        refused(send("topicA", "producerAK", "12345678"), "No default permission for topic:topicA");
        refused(send("topicC", "producerAK", "12345678"), "needs PUB and holds SUB");
        refused(send("unlisted", "producerAK", "12345678"), "No default permission for topic:unlisted");
    }

    @Test
    void pullsNeedSubOnTheTopicAndOnTheGroup() {
        allowed(pull("topicC", "groupC", "producerAK", "12345678"));
        allowed(pull("topicB", "unlistedGroup", "producerAK", "12345678")); // defaultGroupPerm SUB
        refused(pull("topicP", "groupC", "producerAK", "12345678"), "topic:topicP");
        refused(pull("topicC", "groupA", "producerAK", "12345678"), "group:groupA");
    }

    @Test
    void offsetsAndHeartbeatsNameTheirGroupsAndTopics() {
        UpdateConsumerOffsetRequestHeader u = new UpdateConsumerOffsetRequestHeader();
        u.setConsumerGroup("groupA");
        u.setTopic("topicC");
        u.setQueueId(1);
        u.setCommitOffset(10L);
        refused(ApacheSigned.request(15, u, null, "producerAK", "12345678"), "group:groupA");
        u.setConsumerGroup("groupB");
        allowed(ApacheSigned.request(15, u, null, "producerAK", "12345678"));

        HeartbeatData hb = new HeartbeatData();
        hb.setClientID("127.0.0.1@1");
        ConsumerData c = new ConsumerData();
        c.setGroupName("groupC");
        SubscriptionData s = new SubscriptionData();
        s.setTopic("topicA");
        s.setSubString("*");
        c.getSubscriptionDataSet().add(s);
        hb.getConsumerDataSet().add(c);
        refused(ApacheSigned.request(34, null, hb.encode(), "producerAK", "12345678"), "topic:topicA");
        s.setTopic("topicC");
        allowed(ApacheSigned.request(34, null, hb.encode(), "producerAK", "12345678"));
    }

    @Test
    void unsignedUnknownAndWronglySignedRequestsAreRefused() {
        RemotingCommand unsigned = RemotingCommand.createRequest(310).addExtField("b", "topicB");
        refused(unsigned, "No accessKey is configured");
        refused(send("topicB", "nobody00", "12345678"), "No acl config for nobody00");
        refused(send("topicB", "producerAK", "wrongSecret"), "Check signature failed for accessKey=producerAK");
        RemotingCommand tampered = send("topicB", "producerAK", "12345678");
        tampered.addExtField("b", "topicA");
        refused(tampered, "Check signature failed");
        RemotingCommand body = send("topicB", "producerAK", "12345678");
        body.setBody(new byte[] {1, 2, 4});
        refused(body, "Check signature failed");
    }

    @Test
    void adminRequestsNeedTheAdminRole() {
        CreateTopicRequestHeader h = new CreateTopicRequestHeader();
        h.setTopic("newTopic");
        h.setDefaultTopic("TBW102");
        h.setReadQueueNums(4);
        h.setWriteQueueNums(4);
        h.setPerm(6);
        h.setTopicFilterType("SINGLE_TAG");
        refused(ApacheSigned.request(17, h, null, "producerAK", "12345678"),
                "Need admin permission for request code=17, but accessKey=producerAK is not");
        allowed(ApacheSigned.request(17, h, null, "adminAK01", "adminSecret"));
        // an admin without listed resources may use every topic
        allowed(send("topicA", "adminAK01", "adminSecret"));
    }

    @Test
    void whitelistedAddressesPassUnsigned() {
        RemotingCommand unsigned = RemotingCommand.createRequest(310).addExtField("b", "topicA");
        assertThatCode(() -> acl.check("192.168.0.77:40000", unsigned)).doesNotThrowAnyException();
        assertThatCode(() -> acl.check("10.10.103.1:40000", unsigned)).doesNotThrowAnyException();
        assertThatThrownBy(() -> acl.check("10.10.104.1:40000", unsigned)).isInstanceOf(AclException.class);
        // the account's own whitelist: its access key, no valid signature needed
        RemotingCommand keyOnly = RemotingCommand.createRequest(310).addExtField("b", "topicA")
                .addExtField("AccessKey", "adminAK01");
        assertThatCode(() -> acl.check("192.168.1.9:40000", keyOnly)).doesNotThrowAnyException();
        assertThatThrownBy(() -> acl.check("192.168.2.9:40000", keyOnly))
                .hasMessageContaining("Check signature failed");
    }

    @Test
    void aChangedFileIsReloadedAndABrokenOneKeepsTheLastGoodTable() throws IOException {
        refused(send("topicA", "newUser01", "newSecret1"), "No acl config for newUser01");
        Files.writeString(file, Files.readString(file) + """
                  - accessKey: newUser01
                    secretKey: newSecret1
                    defaultTopicPerm: PUB
                """);
        acl.reloadIfChanged();
        allowed(send("topicA", "newUser01", "newSecret1"));

        Files.writeString(file, "accounts: [unclosed");
        acl.reloadIfChanged();
        allowed(send("topicA", "newUser01", "newSecret1"));
        allowed(send("topicB", "producerAK", "12345678"));
    }

    @Test
    void updatesAreWrittenToTheFileAndInForceAtOnce() throws IOException {
        AclAccount a = new AclAccount();
        a.accessKey = "created01";
        a.secretKey = "createdSecret";
        a.defaultTopicPerm = "DENY";
        a.topicPerms = List.of("topicX=PUB");
        acl.updateAccount(a);
        allowed(send("topicX", "created01", "createdSecret"));
        refused(send("topicB", "created01", "createdSecret"), "topic:topicB");
        String written = Files.readString(file);
        assertThat(written).contains("created01", "topicX=PUB", "producerAK", "10.10.103.*");
        assertThat(acl.mainVersion().counter).isEqualTo(1);

        // an update keeps what it does not name
        AclAccount change = new AclAccount();
        change.accessKey = "created01";
        change.secretKey = "createdSecret";
        change.groupPerms = List.of("groupX=SUB");
        acl.updateAccount(change);
        allowed(send("topicX", "created01", "createdSecret"));
        assertThat(acl.mainVersion().counter).isEqualTo(2);

        PlainAclManager reopened = PlainAclManager.open(home.toString());
        assertThatCode(() -> reopened.check(CLIENT, send("topicX", "created01", "createdSecret")))
                .doesNotThrowAnyException();

        assertThat(acl.deleteAccount("created01")).isTrue();
        assertThat(acl.deleteAccount("created01")).isFalse();
        refused(send("topicX", "created01", "createdSecret"), "No acl config for created01");

        acl.updateGlobalWhiteRemoteAddresses(List.of("127.0.0.1"));
        assertThatCode(() -> acl.check(CLIENT, RemotingCommand.createRequest(310))).doesNotThrowAnyException();
        assertThat(acl.snapshot().globalWhiteAddrs).containsExactly("127.0.0.1");
    }

    @Test
    void invalidUpdatesChangeNothing() throws IOException {
        String before = Files.readString(file);
        AclAccount shortKey = new AclAccount();
        shortKey.accessKey = "short";
        shortKey.secretKey = "12345678";
        assertThatThrownBy(() -> acl.updateAccount(shortKey)).hasMessageContaining("at least 7 characters");
        AclAccount badPerm = new AclAccount();
        badPerm.accessKey = "goodKey01";
        badPerm.secretKey = "12345678";
        badPerm.topicPerms = List.of("topicA=WRITE");
        assertThatThrownBy(() -> acl.updateAccount(badPerm)).hasMessageContaining("topicA=WRITE");
        assertThatThrownBy(() -> acl.updateGlobalWhiteRemoteAddresses(List.of("300.1.1.1")))
                .hasMessageContaining("300.1.1.1");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void anInvalidFileOrNoFileStopsStartUp() throws IOException {
        Files.writeString(file, "accounts:\n  - accessKey: abc\n    secretKey: 12345678\n");
        assertThatThrownBy(() -> PlainAclManager.open(home.toString()))
                .hasMessageContaining(file.toString()).hasMessageContaining("at least 7 characters");
        Files.delete(file);
        assertThatThrownBy(() -> PlainAclManager.open(home.toString()))
                .hasMessageContaining("there is no ACL file");
    }

    @Test
    void filesUnderConfAclAreLoadedToo() throws IOException {
        Files.createDirectories(home.resolve("conf/acl"));
        Files.writeString(home.resolve("conf/acl/team.yml"),
                "accounts:\n  - accessKey: teamUser1\n    secretKey: teamSecret\n    defaultTopicPerm: PUB\n");
        PlainAclManager both = PlainAclManager.open(home.toString());
        assertThatCode(() -> both.check(CLIENT, send("anyTopic", "teamUser1", "teamSecret")))
                .doesNotThrowAnyException();
        assertThatCode(() -> both.check(CLIENT, send("topicB", "producerAK", "12345678")))
                .doesNotThrowAnyException();
        assertThat(both.versions()).containsKeys(home.resolve("conf/acl/team.yml").toString(), file.toString());
    }
}
