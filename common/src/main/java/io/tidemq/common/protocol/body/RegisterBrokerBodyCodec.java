package io.tidemq.common.protocol.body;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tidemq.common.DataVersion;
import io.tidemq.common.json.Json;
import io.tidemq.common.topic.TopicConfig;
import io.tidemq.common.topic.TopicFilterType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The two wire forms of a REGISTER_BROKER body (protocol.md 3.2).
 *
 * <p>Plain: the JSON of {@link RegisterBrokerBody} (or, from brokers older than protocol version 37, the JSON of a bare
 * {@link TopicConfigSerializeWrapper}). Compressed ({@code compressed=true} in the header): one zlib stream holding
 * {@code int len + DataVersion JSON}, {@code int topicCount}, per topic {@code int len + "name read write perm
 * filterType"}, then {@code int len + JSON array of filter servers}. The compressed form carries neither
 * {@code topicSysFlag} nor {@code order}. Stateless and thread-safe.
 */
public final class RegisterBrokerBodyCodec {
    /** First protocol version ({@code V3_0_11}) whose brokers send a full RegisterBrokerBody. */
    public static final int FIRST_VERSION_WITH_FULL_BODY = 37;

    /** No single item of a compressed body is anywhere near this; a larger length means a corrupt or hostile body. */
    private static final int MAX_ITEM_LENGTH = 1 << 20;
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private RegisterBrokerBodyCodec() {
    }

    /** Encodes {@code body} in the form the header's {@code compressed} flag announces. */
    public static byte[] encode(RegisterBrokerBody body, boolean compressed) {
        if (!compressed) {
            return RegisterBrokerBodyJson.write(body);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(
                new DeflaterOutputStream(bytes, new Deflater(Deflater.BEST_COMPRESSION)))) {
            writeItem(out, Json.toBytes(body.topicConfigSerializeWrapper.dataVersion));
            out.writeInt(body.topicConfigSerializeWrapper.topicConfigTable.size());
            for (TopicConfig tc : body.topicConfigSerializeWrapper.topicConfigTable.values()) {
                writeItem(out, toLine(tc).getBytes(StandardCharsets.UTF_8));
            }
            writeItem(out, Json.toBytes(body.filterServerList == null ? List.of() : body.filterServerList));
        } catch (IOException e) {
            throw new IllegalStateException("in-memory compression failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a body sent with the given header flag and request version. A null or empty body means "no topics"
     * with DataVersion {timestamp 0, counter 0}, as the official NameServer reads it.
     *
     * @throws IllegalArgumentException if the body is malformed; the message says what is wrong
     */
    public static RegisterBrokerBody decode(byte[] data, boolean compressed, int requestVersion) {
        if (data == null || data.length == 0) {
            RegisterBrokerBody empty = new RegisterBrokerBody();
            empty.topicConfigSerializeWrapper.dataVersion = new DataVersion(0, 0);
            return empty;
        }
        if (compressed) {
            return decodeCompressed(data);
        }
        if (requestVersion < FIRST_VERSION_WITH_FULL_BODY) {
            RegisterBrokerBody body = new RegisterBrokerBody();
            body.topicConfigSerializeWrapper = Json.fromBytes(data, TopicConfigSerializeWrapper.class);
            if (body.topicConfigSerializeWrapper == null) {
                throw new IllegalArgumentException("register body is the JSON literal null");
            }
            return normalized(body);
        }
        RegisterBrokerBody plain = RegisterBrokerBodyJson.read(data);
        return normalized(plain != null ? plain : Json.fromBytes(data, RegisterBrokerBody.class));
    }

    /** The CRC the {@code bodyCrc32} header field carries: CRC32 of the bytes masked to a non-negative int. */
    public static int crc32(byte[] data) {
        if (data == null) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length);
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    private static RegisterBrokerBody normalized(RegisterBrokerBody body) {
        if (body == null) {
            throw new IllegalArgumentException("register body is the JSON literal null");
        }
        if (body.topicConfigSerializeWrapper == null) {
            body.topicConfigSerializeWrapper = new TopicConfigSerializeWrapper();
        }
        if (body.topicConfigSerializeWrapper.dataVersion == null) {
            body.topicConfigSerializeWrapper.dataVersion = new DataVersion(0, 0);
        }
        if (body.topicConfigSerializeWrapper.topicConfigTable == null) {
            body.topicConfigSerializeWrapper.topicConfigTable = new ConcurrentHashMap<>();
        }
        // a table entry without a name inside its value is named by its key, as brokers always fill both
        body.topicConfigSerializeWrapper.topicConfigTable.forEach((name, tc) -> {
            if (tc != null && tc.topicName == null) {
                tc.topicName = name;
            }
        });
        body.topicConfigSerializeWrapper.topicConfigTable.values().removeIf(tc -> tc == null);
        if (body.filterServerList == null) {
            body.filterServerList = new ArrayList<>();
        }
        return body;
    }

    private static RegisterBrokerBody decodeCompressed(byte[] data) {
        RegisterBrokerBody body = new RegisterBrokerBody();
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(data)))) {
            body.topicConfigSerializeWrapper.dataVersion = Json.fromBytes(readItem(in, "DataVersion"),
                    DataVersion.class);
            int topicCount = in.readInt();
            if (topicCount < 0) {
                throw new IllegalArgumentException("compressed register body: negative topic count " + topicCount);
            }
            for (int i = 0; i < topicCount; i++) {
                TopicConfig tc = fromLine(new String(readItem(in, "topic config"), StandardCharsets.UTF_8));
                body.topicConfigSerializeWrapper.topicConfigTable.put(tc.topicName, tc);
            }
            List<String> filters = Json.mapper().readValue(readItem(in, "filter server list"), STRING_LIST);
            body.filterServerList = filters == null ? new ArrayList<>() : new ArrayList<>(filters);
        } catch (EOFException e) {
            throw new IllegalArgumentException("compressed register body ends early", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("compressed register body is not valid: " + e.getMessage(), e);
        }
        return body;
    }

    /** The space-separated one-line form of a topic config used inside compressed bodies. */
    static String toLine(TopicConfig tc) {
        return tc.topicName + ' ' + tc.readQueueNums + ' ' + tc.writeQueueNums + ' ' + tc.perm + ' '
                + tc.topicFilterType;
    }

    static TopicConfig fromLine(String line) {
        String[] tokens = line.split(" ");
        if (tokens.length != 5) {
            throw new IllegalArgumentException("compressed register body: bad topic config line '" + line + "'");
        }
        try {
            TopicConfig tc = new TopicConfig(tokens[0], Integer.parseInt(tokens[1]), Integer.parseInt(tokens[2]),
                    Integer.parseInt(tokens[3]));
            tc.topicFilterType = TopicFilterType.valueOf(tokens[4]);
            return tc;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("compressed register body: bad topic config line '" + line + "'", e);
        }
    }

    private static void writeItem(DataOutputStream out, byte[] item) throws IOException {
        out.writeInt(item.length);
        out.write(item);
    }

    private static byte[] readItem(DataInputStream in, String what) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > MAX_ITEM_LENGTH) {
            throw new IllegalArgumentException("compressed register body: " + what + " length " + len
                    + " out of range");
        }
        byte[] item = new byte[len];
        in.readFully(item);
        return item;
    }
}
