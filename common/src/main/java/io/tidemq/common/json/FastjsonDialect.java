package io.tidemq.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/**
 * The syntax RocketMQ 4.9's fastjson writes and reads (protocol.md section 2): unquoted and single-quoted names,
 * NaN and Infinity, numbers with a leading decimal point. One place for both {@link Json}'s mapper and the readers
 * that use Jackson's streaming API without data binding.
 */
public final class FastjsonDialect {
    private FastjsonDialect() {
    }

    /** A new JSON factory that reads this dialect (and writes plain JSON). */
    public static JsonFactory newFactory() {
        return JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
                .build();
    }
}
