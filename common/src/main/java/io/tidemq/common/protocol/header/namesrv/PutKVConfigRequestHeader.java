package io.tidemq.common.protocol.header.namesrv;

/** Header of PUT_KV_CONFIG (100). Mandatory: namespace, key, value. */
public final class PutKVConfigRequestHeader {
    public String namespace;
    public String key;
    public String value;

    public PutKVConfigRequestHeader() {
    }

    public PutKVConfigRequestHeader(String namespace, String key, String value) {
        this.namespace = namespace;
        this.key = key;
        this.value = value;
    }
}
