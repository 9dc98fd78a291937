package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of VIEW_MESSAGE_BY_ID (33). */
public class ViewMessageRequestHeader {
    @Required
    public Long offset;

    public ViewMessageRequestHeader() {
    }
}
