package io.tidemq.common.protocol.body;

import java.util.HashMap;
import java.util.Map;

/** Answer of QUERY_CORRECTION_OFFSET: per queue id, the lowest offset the other groups have committed. */
public final class QueryCorrectionOffsetBody {
    public Map<Integer, Long> correctionOffsets = new HashMap<>();
}
