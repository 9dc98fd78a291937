package io.tidemq.common.message;

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
