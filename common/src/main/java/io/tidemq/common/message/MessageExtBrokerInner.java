package io.tidemq.common.message;

import java.nio.ByteBuffer;

/**
 * A message on its way into the store: the broker fills topic, queue, body, hosts, timestamps and properties; the
 * store assigns physical offset, queue offset and store timestamp.
 *
 * <p>{@link #getPropertiesString()} is what gets written; the broker keeps it in sync with the property map by
 * calling {@link #encodePropertiesString()} after its last property change.
 */
public class MessageExtBrokerInner extends MessageExt {
    private String propertiesString;
    private long tagsCode;
    /** The body as the bytes of the request that carried it (see {@link #setBodyView}); null when a copy. */
    private ByteBuffer bodyView;

    /**
     * Takes the body as a view of the received request's bytes instead of a copy: the store writes it from there.
     * The view is valid only until the request is settled, so the broker stores the message before that; whoever
     * asks for {@link #getBody()} gets a copy.
     */
    public void setBodyView(ByteBuffer view) {
        this.bodyView = view;
        super.setBody(null);
    }

    /** The body view, or null when the body is an array. */
    public ByteBuffer bodyView() {
        return bodyView;
    }

    @Override
    public byte[] getBody() {
        byte[] body = super.getBody();
        if (body == null && bodyView != null) {
            body = new byte[bodyView.remaining()];
            bodyView.get(bodyView.position(), body);
            bodyView = null;
            super.setBody(body);
        }
        return body;
    }

    @Override
    public void setBody(byte[] body) {
        this.bodyView = null;
        super.setBody(body);
    }

    public String getPropertiesString() {
        return propertiesString;
    }

    public void setPropertiesString(String propertiesString) {
        this.propertiesString = propertiesString;
    }

    /** Re-encodes the property map into the string that will be stored. */
    public void encodePropertiesString() {
        this.propertiesString = MessageProperties.encode(getProperties());
    }

    /** Hash of the TAGS property (0 when none) — or, for delayed messages, their delivery time. */
    public long getTagsCode() {
        return tagsCode;
    }

    public void setTagsCode(long tagsCode) {
        this.tagsCode = tagsCode;
    }

    /** The consume-queue tags code of a tag: its Java hash code, 0 for no tag. */
    public static long tagsCodeOf(String tags) {
        return tags == null || tags.isEmpty() ? 0 : tags.hashCode();
    }
}
