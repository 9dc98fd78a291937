package io.tidemq.common.protocol.header;

import io.tidemq.remoting.protocol.Required;

/** Header of UPDATE_AND_CREATE_ACL_CONFIG (50); topicPerms and groupPerms are comma-separated name=PERM lists. */
public class CreateAccessConfigRequestHeader {
    @Required
    public String accessKey;
    public String secretKey;
    public String whiteRemoteAddress;
    public boolean admin;
    public String defaultTopicPerm;
    public String defaultGroupPerm;
    public String topicPerms;
    public String groupPerms;

    public CreateAccessConfigRequestHeader() {
    }
}
