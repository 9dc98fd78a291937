package io.tidemq.common.message;

import java.util.HashMap;
import java.util.Map;

/** The {@code name\u0001value\u0002...} property string of stored messages (protocol.md section 6.3). */
public final class MessageProperties {
    private MessageProperties() {
    }

    /** Encodes pairs in map order; entries with a null name or value are skipped. */
    public static String encode(Map<String, String> properties) {
        if (properties == null || properties.isEmpty()) {
            return "";
        }
        // sized exactly: a builder that grows copies its array each time, and every stored message is encoded here
        int length = 0;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                length += e.getKey().length() + e.getValue().length() + 2;
            }
        }
        StringBuilder sb = new StringBuilder(Math.max(0, length - 1));
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(MessageConst.PROPERTY_SEPARATOR);
            }
            sb.append(e.getKey()).append(MessageConst.NAME_VALUE_SEPARATOR).append(e.getValue());
        }
        return sb.toString();
    }

    /** Decodes a property string; pairs with an empty name or value are dropped, and the last duplicate wins. */
    public static Map<String, String> decode(String properties) {
        Map<String, String> map = new HashMap<>();
        if (properties == null || properties.isEmpty()) {
            return map;
        }
        int start = 0;
        int len = properties.length();
        while (start < len) {
            int end = properties.indexOf(MessageConst.PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = len;
            }
            int sep = properties.indexOf(MessageConst.NAME_VALUE_SEPARATOR, start);
            if (sep > start && sep < end - 1) {
                map.put(properties.substring(start, sep), properties.substring(sep + 1, end));
            }
            start = end + 1;
        }
        return map;
    }

    /**
     * The value of one property in a property string, as {@link #decode} would give it (the last of duplicates,
     * nothing for an empty value), without building the map: filters read a few properties of many messages.
     */
    public static String find(String properties, String name) {
        if (properties == null || name.isEmpty() || name.indexOf(MessageConst.NAME_VALUE_SEPARATOR) >= 0) {
            return null; // decode ends every name at its first separator: no such name can be in the map
        }
        String found = null;
        int len = properties.length();
        int start = 0;
        while (start < len) {
            int end = properties.indexOf(MessageConst.PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = len;
            }
            int sep = start + name.length();
            if (sep < end - 1 && properties.charAt(sep) == MessageConst.NAME_VALUE_SEPARATOR
                    && properties.startsWith(name, start)) {
                found = properties.substring(sep + 1, end);
            }
            start = end + 1;
        }
        return found;
    }
}
