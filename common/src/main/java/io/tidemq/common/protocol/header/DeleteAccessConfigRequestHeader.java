package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of DELETE_ACL_CONFIG (51). */
public class DeleteAccessConfigRequestHeader {
    @Required
    public String accessKey;

    public DeleteAccessConfigRequestHeader() {
    }
}
