package io.tidemq.common.protocol.header.namesrv;

/** Header of DELETE_KV_CONFIG (102). Mandatory: namespace, key. */
public final class DeleteKVConfigRequestHeader {
    public String namespace;
    public String key;

    public DeleteKVConfigRequestHeader() {
    }

    public DeleteKVConfigRequestHeader(String namespace, String key) {
        this.namespace = namespace;
        this.key = key;
    }
}
