package io.tidemq.common.protocol.header;

/** Response header of PULL_MESSAGE; all four fields are mandatory for the client. */
public class PullMessageResponseHeader {
    public Long suggestWhichBrokerId;
    public Long nextBeginOffset;
    public Long minOffset;
    public Long maxOffset;

    public PullMessageResponseHeader() {
    }
}
