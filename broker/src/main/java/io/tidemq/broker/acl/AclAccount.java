package io.tidemq.broker.acl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One account as written in plain_acl.yml and as Apache's PlainAccessConfig travels in ACL admin bodies. Member
 * names are the file's keys.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class AclAccount {
    public String accessKey;
    public String secretKey;
    public String whiteRemoteAddress;
    public boolean admin;
    public String defaultTopicPerm;
    public String defaultGroupPerm;
    public List<String> topicPerms;
    public List<String> groupPerms;

    @Override
    public String toString() {
        // never the secret
        return "AclAccount[accessKey=" + accessKey + ", admin=" + admin + ", whiteRemoteAddress=" + whiteRemoteAddress
                + "]";
    }
}
