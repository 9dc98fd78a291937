package io.tidemq.common.protocol.body;

import java.util.HashMap;
import java.util.Map;

/** A string-to-string table body ({@code {"table":{...}}}). */
public final class KVTable {
    public HashMap<String, String> table = new HashMap<>();

    public KVTable() {
    }

    public KVTable(Map<String, String> table) {
        this.table = new HashMap<>(table);
    }
}
