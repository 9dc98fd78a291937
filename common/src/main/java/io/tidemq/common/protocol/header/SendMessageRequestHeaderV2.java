package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE (codes 310/320): one-letter names a..m. */
public class SendMessageRequestHeaderV2 {
    @Required
    public String a;
    @Required
    public String b;
    @Required
    public String c;
    @Required
    public Integer d;
    @Required
    public Integer e;
    @Required
    public Integer f;
    @Required
    public Long g;
    @Required
    public Integer h;
    public String i;
    public Integer j;
    public Boolean k;
    public Integer l;
    public Boolean m;

    public SendMessageRequestHeaderV2() {
    }
}
