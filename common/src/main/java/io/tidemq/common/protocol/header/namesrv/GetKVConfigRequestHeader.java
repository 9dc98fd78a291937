package io.tidemq.common.protocol.header.namesrv;

/** Header of GET_KV_CONFIG (101). Mandatory: namespace, key. */
public final class GetKVConfigRequestHeader {
    public String namespace;
    public String key;

    public GetKVConfigRequestHeader() {
    }

    public GetKVConfigRequestHeader(String namespace, String key) {
        this.namespace = namespace;
        this.key = key;
    }
}
