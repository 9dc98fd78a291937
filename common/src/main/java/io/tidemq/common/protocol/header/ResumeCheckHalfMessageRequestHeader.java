package io.tidemq.common.protocol.header;

/** Header of RESUME_CHECK_HALF_MESSAGE (323): the offset message id of a given-up half message. */
public class ResumeCheckHalfMessageRequestHeader {
    public String msgId;

    public ResumeCheckHalfMessageRequestHeader() {
    }
}
