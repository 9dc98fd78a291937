package io.tidemq.common.protocol.header.namesrv;

/** Response header of GET_KV_CONFIG (101): the value found. */
public final class GetKVConfigResponseHeader {
    public String value;

    public GetKVConfigResponseHeader() {
    }

    public GetKVConfigResponseHeader(String value) {
        this.value = value;
    }
}
