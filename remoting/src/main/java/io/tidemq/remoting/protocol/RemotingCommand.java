package io.tidemq.remoting.protocol;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request or response of the RocketMQ remoting protocol: a header (code, language, version, opaque, flag,
 * remark, extFields) and an optional body.
 *
 * <p>Not thread-safe; a command is built by one thread and then handed to the transport.
 */
public final class RemotingCommand {
    /** The protocol version every 4.9.3 process writes: the ordinal of {@code MQVersion.Version.V4_9_3}. */
    public static final int CURRENT_VERSION = 399;

    private static final int RESPONSE_BIT = 1;
    private static final int ONEWAY_BIT = 1 << 1;
    private static final AtomicInteger NEXT_OPAQUE = new AtomicInteger();

    private int code;
    private LanguageCode language = LanguageCode.JAVA;
    private int version = CURRENT_VERSION;
    private int opaque = NEXT_OPAQUE.getAndIncrement();
    private int flag;
    private String remark;
    private Map<String, String> extFields;
    /** JSON text of extFields not parsed yet ({@code lazyExt[lazyFrom, lazyTo)}); null once parsed or replaced. */
    private byte[] lazyExt;
    private int lazyFrom;
    private int lazyTo;
    private SerializeType serializeType = SerializeType.JSON;
    private byte[] body;
    /** Zero-copy body parts (e.g. slices of mapped store files); written after {@link #body} if both are set. */
    private ByteBuffer[] bodyBuffers;
    /** Runs once the body buffers have been written or dropped, so their owner may release them. */
    private Runnable bodyRelease;
    /** A received request's body still in the transport's buffer (see {@link #setInboundBody}); null: none. */
    private ByteBuffer inboundBody;
    private Runnable inboundRelease;
    private boolean inboundViewed;
    /** Frame bytes a server's request budget counts for this received command until it is settled; 0: none. */
    private int inboundBytes;

    public RemotingCommand() {
    }

    /** A request with the given code and no header fields yet. */
    public static RemotingCommand createRequest(int code) {
        RemotingCommand cmd = new RemotingCommand();
        cmd.code = code;
        return cmd;
    }

    /** A request whose extFields are the encoded fields of {@code header}. */
    public static RemotingCommand createRequest(int code, Object header) {
        RemotingCommand cmd = createRequest(code);
        if (header != null) {
            cmd.extFields = HeaderCodec.encode(header);
        }
        return cmd;
    }

    /** A response with the given code and remark; its opaque must be set from the request. */
    public static RemotingCommand createResponse(int code, String remark) {
        RemotingCommand cmd = new RemotingCommand();
        cmd.markResponse();
        cmd.code = code;
        cmd.remark = remark;
        return cmd;
    }

    /** A response to {@code request}: same opaque, response flag set. */
    public static RemotingCommand responseTo(RemotingCommand request, int code, String remark) {
        RemotingCommand cmd = createResponse(code, remark);
        cmd.opaque = request.opaque;
        return cmd;
    }

    public int getCode() {
        return code;
    }

    public RemotingCommand setCode(int code) {
        this.code = code;
        return this;
    }

    public LanguageCode getLanguage() {
        return language;
    }

    public RemotingCommand setLanguage(LanguageCode language) {
        this.language = language;
        return this;
    }

    public int getVersion() {
        return version;
    }

    public RemotingCommand setVersion(int version) {
        this.version = version;
        return this;
    }

    public int getOpaque() {
        return opaque;
    }

    public RemotingCommand setOpaque(int opaque) {
        this.opaque = opaque;
        return this;
    }

    public int getFlag() {
        return flag;
    }

    public RemotingCommand setFlag(int flag) {
        this.flag = flag;
        return this;
    }

    public String getRemark() {
        return remark;
    }

    public RemotingCommand setRemark(String remark) {
        this.remark = remark;
        return this;
    }

    /** The header fields; may be null when the command carries none. */
    public Map<String, String> getExtFields() {
        if (lazyExt != null) {
            extFields = JsonHeaderCodec.readExtFields(lazyExt, lazyFrom, lazyTo);
            lazyExt = null;
        }
        return extFields;
    }

    public RemotingCommand setExtFields(Map<String, String> extFields) {
        this.extFields = extFields;
        this.lazyExt = null;
        return this;
    }

    /** Received extFields, checked but kept as their JSON text until asked for (see {@link JsonHeaderCodec}). */
    void setLazyExtFields(byte[] data, int from, int to) {
        this.extFields = null;
        this.lazyExt = data;
        this.lazyFrom = from;
        this.lazyTo = to;
    }

    /** Adds one header field, creating the map if needed. */
    public RemotingCommand addExtField(String key, String value) {
        if (getExtFields() == null) {
            extFields = new HashMap<>();
        }
        extFields.put(key, value);
        return this;
    }

    /** Returns one header field or null. */
    public String getExtField(String key) {
        Map<String, String> fields = getExtFields();
        return fields == null ? null : fields.get(key);
    }

    /**
     * Decodes the extFields into a header object (see {@link HeaderCodec}). Received JSON extFields not yet parsed
     * fill the header straight from their bytes, which is what keeps the send path free of a map per request.
     */
    public <T> T decodeHeader(Class<T> type) throws io.tidemq.remoting.exception.RemotingCommandException {
        if (lazyExt != null) {
            Object header = JsonHeaderCodec.readHeader(type, lazyExt, lazyFrom, lazyTo);
            if (header != null) {
                return type.cast(header);
            }
        }
        return HeaderCodec.decode(type, getExtFields());
    }

    /** Replaces the extFields with the encoded fields of {@code header} ({@code {}} when all are null). */
    public RemotingCommand writeHeader(Object header) {
        Map<String, String> fields = HeaderCodec.encode(header);
        if (getExtFields() != null) {
            extFields.putAll(fields);
        } else {
            extFields = fields;
        }
        return this;
    }

    public SerializeType getSerializeType() {
        return serializeType;
    }

    public RemotingCommand setSerializeType(SerializeType serializeType) {
        this.serializeType = serializeType;
        return this;
    }

    /** The body as an array; a received body still in the transport's buffer is copied out (once) first. */
    public byte[] getBody() {
        if (body == null && inboundBody != null) {
            byte[] copy = new byte[inboundBody.remaining()];
            inboundBody.get(inboundBody.position(), copy);
            body = copy;
            dropInboundBody();
        }
        return body;
    }

    public RemotingCommand setBody(byte[] body) {
        this.body = body;
        dropInboundBody();
        return this;
    }

    /**
     * A received request's body left in the transport's (pooled, direct) buffer instead of copied to the heap:
     * {@code release} gives the buffer back. The server settles every request exactly once ({@link
     * #settleInboundBody}); until then {@link #bodyView} reads it without a copy.
     */
    public void setInboundBody(ByteBuffer view, Runnable release) {
        this.inboundBody = view;
        this.inboundRelease = release;
    }

    /**
     * The body without a copy: a view of the received bytes, valid only until the request is settled (the processor
     * must be done with it when it returns), or the array wrapped; null when there is no body.
     */
    public ByteBuffer bodyView() {
        if (inboundBody != null) {
            inboundViewed = true;
            return inboundBody.duplicate();
        }
        return body == null ? null : ByteBuffer.wrap(body);
    }

    /**
     * Called by the server once the request is settled: the transport's buffer is given back. A body nobody took
     * a view of is copied out first, so a processor that reads it later, from another thread, still finds it.
     */
    public void settleInboundBody() {
        if (inboundBody != null && !inboundViewed) {
            getBody();
        }
        dropInboundBody();
    }

    private void dropInboundBody() {
        Runnable r = inboundRelease;
        inboundBody = null;
        inboundRelease = null;
        if (r != null) {
            r.run();
        }
    }

    public ByteBuffer[] getBodyBuffers() {
        return bodyBuffers;
    }

    /** Sets a zero-copy body; {@code release} runs once the transport is done with the buffers (may be null). */
    public RemotingCommand setBodyBuffers(ByteBuffer[] buffers, Runnable release) {
        this.bodyBuffers = buffers;
        this.bodyRelease = release;
        return this;
    }

    /** Called by the transport once the body buffers are written or dropped. */
    public void releaseBody() {
        Runnable r = bodyRelease;
        bodyRelease = null;
        if (r != null) {
            r.run();
        }
    }

    /** Marks a received command as counted with {@code bytes} against its server's request budget. */
    public void setInboundBytes(int bytes) {
        this.inboundBytes = bytes;
    }

    /** The bytes this command was counted with, once: later calls return 0, so a budget is never released twice. */
    public int takeInboundBytes() {
        int n = inboundBytes;
        inboundBytes = 0;
        return n;
    }

    /** Total body length in bytes, counting both the array and the buffers. */
    public int bodyLength() {
        int len = body == null ? inboundBody == null ? 0 : inboundBody.remaining() : body.length;
        if (bodyBuffers != null) {
            for (ByteBuffer b : bodyBuffers) {
                len += b.remaining();
            }
        }
        return len;
    }

    public boolean isResponse() {
        return (flag & RESPONSE_BIT) != 0;
    }

    public RemotingCommand markResponse() {
        flag |= RESPONSE_BIT;
        return this;
    }

    public boolean isOneway() {
        return (flag & ONEWAY_BIT) != 0;
    }

    public RemotingCommand markOneway() {
        flag |= ONEWAY_BIT;
        return this;
    }

    @Override
    public String toString() {
        return "RemotingCommand[code=" + code + ", language=" + language + ", version=" + version + ", opaque="
                + opaque + ", flag=" + flag + ", remark=" + remark + ", extFields=" + getExtFields() + ", bodyLength="
                + bodyLength() + "]";
    }
}
