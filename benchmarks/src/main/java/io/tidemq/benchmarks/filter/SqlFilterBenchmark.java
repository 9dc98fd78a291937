package io.tidemq.benchmarks.filter;

import io.tidemq.broker.filter.SqlMessageFilter;
import io.tidemq.common.message.MessageExt;
import io.tidemq.common.message.StoredRecordWriter;
import io.tidemq.filter.SqlSelector;
import org.apache.rocketmq.filter.expression.BooleanExpression;
import org.apache.rocketmq.filter.expression.EvaluationContext;
import org.apache.rocketmq.filter.parser.SelectorParser;
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
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The broker's per-message SQL92 verdict, ours against Apache 4.9.3's evaluator (rocketmq-filter) on the same
 * compiled expression, half of the messages matching: on a property map ({@code tidemq}, {@code apache}), and as a
 * pull filters a stored record ({@code *FromRecord}: ours looks the properties up in the stored string, Apache's
 * ExpressionMessageFilter decodes them into a map first). Run:
 * {@code java -jar benchmarks/target/benchmarks.jar SqlFilterBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SqlFilterBenchmark {
    /** A one-comparison filter and a typical multi-condition one. */
    @Param({"color = 'red'",
        "TAGS IN ('TagA', 'TagB') AND price > 100.5 AND region IS NOT NULL AND NOT (tier BETWEEN 3 AND 5)"})
    public String expression;

    private SqlSelector ours;
    private BooleanExpression official;
    private final Map<String, String>[] messages = newMessages();
    private SqlMessageFilter filter;
    private final ByteBuffer[] records = new ByteBuffer[messages.length];
    private int next;

    @SuppressWarnings("unchecked")
    private static Map<String, String>[] newMessages() {
        Map<String, String>[] m = new Map[2];
        m[0] = new HashMap<>(Map.of("TAGS", "TagA", "color", "red", "price", "150.0", "region", "eu", "tier", "1",
                "KEYS", "order-1", "UNIQ_KEY", "7F0000010001"));
        m[1] = new HashMap<>(Map.of("TAGS", "TagC", "color", "blue", "price", "99", "tier", "4",
                "KEYS", "order-2", "UNIQ_KEY", "7F0000010002"));
        return m;
    }

    @Setup
    public void setUp() throws Exception {
        ours = SqlSelector.compile(expression);
        official = SelectorParser.parse(expression);
        filter = new SqlMessageFilter(ours);
        for (int i = 0; i < messages.length; i++) {
            MessageExt m = new MessageExt();
            m.setTopic("BenchTopic");
            m.setBody(new byte[256]);
            m.setProperties(messages[i]);
            m.setBornHost(new InetSocketAddress("127.0.0.1", 50000));
            m.setStoreHost(new InetSocketAddress("127.0.0.1", 10911));
            records[i] = ByteBuffer.wrap(StoredRecordWriter.write(m));
        }
    }


    @Benchmark
    public boolean tidemqFromRecord() {
        return filter.isMatchedByCommitLog(records[next++ & 1].duplicate(), null);
    }

    @Benchmark
    public boolean apacheFromRecord() {
        Map<String, String> props = org.apache.rocketmq.common.message.MessageDecoder.decodeProperties(
                records[next++ & 1].duplicate());
        return evaluate(props);
    }

    @Benchmark
    public boolean tidemq() {
        return ours.matches(messages[next++ & 1]);
    }

    @Benchmark
    public boolean apache() {
        return evaluate(messages[next++ & 1]);
    }

    private boolean evaluate(Map<String, String> props) {
        try {
            Object v = official.evaluate(new EvaluationContext() {
                @Override
                public Object get(String name) {
                    return props.get(name);
                }

                @Override
                public Map<String, Object> keyValues() {
                    return null;
                }
            });
            return Boolean.TRUE.equals(v);
        } catch (Exception e) {
            return false;
        }
    }
}
