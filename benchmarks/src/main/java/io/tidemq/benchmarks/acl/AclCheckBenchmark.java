package io.tidemq.benchmarks.acl;

import io.tidemq.broker.acl.PlainAclManager;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.acl.plain.PlainAccessValidator;
import org.apache.rocketmq.common.protocol.header.SendMessageRequestHeaderV2;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;

/**
 * The broker's plain ACL check of one signed SEND_MESSAGE_V2 (signature over the header fields and the body, then
 * the topic permission), ours ({@link PlainAclManager#check}) against the official 4.9.3 PlainAccessValidator
 * (parse + validate) on the same request and the same plain_acl.yml. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar AclCheckBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AclCheckBenchmark {
    private static final String ACL = """
            accounts:
              - accessKey: benchUser1
                secretKey: benchSecret1
                defaultTopicPerm: DENY
                topicPerms:
                  - BenchTopic=PUB|SUB
                  - OtherTopic=SUB
            """;

    /** Message body size in bytes (the signature covers it). */
    @Param({"128", "4096"})
    public int bodySize;

    private Path home;
    private PlainAclManager ours;
    private PlainAccessValidator official;
    private RemotingCommand oursRequest;
    private org.apache.rocketmq.remoting.protocol.RemotingCommand officialRequest;

    @Setup
    public void setUp() throws IOException {
        home = Files.createTempDirectory("acl-bench");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/plain_acl.yml"), ACL);
        System.setProperty("rocketmq.home.dir", home.toString());
        official = new PlainAccessValidator();
        ours = PlainAclManager.open(home.toString());

        SendMessageRequestHeaderV2 h = new SendMessageRequestHeaderV2();
        h.setA("please_rename_unique_group_name");
        h.setB("BenchTopic");
        h.setC("TBW102");
        h.setD(4);
        h.setE(2);
        h.setF(0);
        h.setG(System.currentTimeMillis());
        h.setH(0);
        h.setI("KEYS\u0001order-1\u0002UNIQ_KEY\u0001AC110001000018B4AAC2\u0002WAIT\u0001true\u0002TAGS\u0001TagA");
        h.setJ(0);
        h.setK(false);
        byte[] body = new byte[bodySize];
        officialRequest = org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(310, h);
        officialRequest.setBody(body);
        new AclClientRPCHook(new SessionCredentials("benchUser1", "benchSecret1"))
                .doBeforeRequest("127.0.0.1:10911", officialRequest);
        officialRequest.makeCustomHeaderToNet();
        oursRequest = RemotingCommand.createRequest(310);
        oursRequest.setExtFields(new HashMap<>(officialRequest.getExtFields()));
        oursRequest.setBody(body);
        ours.check("10.1.2.3:50000", oursRequest); // both must accept it
        official.validate(official.parse(officialRequest, "10.1.2.3:50000"));
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.delete(home.resolve("conf/plain_acl.yml"));
        Files.delete(home.resolve("conf"));
        Files.delete(home);
    }

    @Benchmark
    public RemotingCommand ours() {
        ours.check("10.1.2.3:50000", oursRequest);
        return oursRequest;
    }

    @Benchmark
    public Object official() {
        official.validate(official.parse(officialRequest, "10.1.2.3:50000"));
        return officialRequest;
    }
}
