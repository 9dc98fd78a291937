package io.tidemq.common.protocol.header.namesrv;

/** Header of GET_KVLIST_BY_NAMESPACE (219). Mandatory: namespace. */
public final class GetKVListByNamespaceRequestHeader {
    public String namespace;

    public GetKVListByNamespaceRequestHeader() {
    }

    public GetKVListByNamespaceRequestHeader(String namespace) {
        this.namespace = namespace;
    }
}
