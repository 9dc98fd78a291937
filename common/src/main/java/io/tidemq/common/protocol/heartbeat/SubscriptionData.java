package io.tidemq.common.protocol.heartbeat;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** One topic subscription of a consumer group: tag expression (or SQL92) and its parsed form. */
public final class SubscriptionData {
    public static final String SUB_ALL = "*";
    public static final String TAG = "TAG";
    public static final String SQL92 = "SQL92";

    public boolean classFilterMode;
    public String topic;
    public String subString;
    public Set<String> tagsSet = new HashSet<>();
    public Set<Integer> codeSet = new HashSet<>();
    public long subVersion = System.currentTimeMillis();
    public String expressionType = TAG;

    /** True when the subscription accepts every tag. */
    public boolean isAll() {
        return subString == null || subString.isBlank() || SUB_ALL.equals(subString.trim());
    }

    public boolean isTagType() {
        return expressionType == null || TAG.equals(expressionType);
    }

    /** Builds a TAG subscription from an expression such as {@code TagA || TagB} or {@code *}. */
    public static SubscriptionData ofTags(String topic, String expression) {
        SubscriptionData sd = new SubscriptionData();
        sd.topic = topic;
        sd.subString = expression == null || expression.isBlank() ? SUB_ALL : expression.trim();
        if (!SUB_ALL.equals(sd.subString)) {
            for (String tag : sd.subString.split("\\|\\|")) {
                String t = tag.trim();
                if (!t.isEmpty()) {
                    sd.tagsSet.add(t);
                    sd.codeSet.add(t.hashCode());
                }
            }
        }
        return sd;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubscriptionData s && classFilterMode == s.classFilterMode
                && Objects.equals(topic, s.topic) && Objects.equals(subString, s.subString)
                && Objects.equals(tagsSet, s.tagsSet) && Objects.equals(codeSet, s.codeSet)
                && Objects.equals(expressionType, s.expressionType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classFilterMode, topic, subString, tagsSet, codeSet, expressionType);
    }

    @Override
    public String toString() {
        return "SubscriptionData[topic=" + topic + ", subString=" + subString + ", expressionType="
                + expressionType + ", subVersion=" + subVersion + "]";
    }
}
