package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of UPDATE_GLOBAL_WHITE_ADDRS_CONFIG (53): the new whitelist, comma-separated. */
public class UpdateGlobalWhiteAddrsConfigRequestHeader {
    @Required
    public String globalWhiteAddrs;

    public UpdateGlobalWhiteAddrsConfigRequestHeader() {
    }
}
