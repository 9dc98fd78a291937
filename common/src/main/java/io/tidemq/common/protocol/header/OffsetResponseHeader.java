package io.tidemq.common.protocol.header;

/** Response header carrying one offset (codes 29/30/31). */
public class OffsetResponseHeader {
    public Long offset;

    public OffsetResponseHeader() {
    }
}
