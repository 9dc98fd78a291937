package io.tidemq.broker.acl;

import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.heartbeat.ConsumerData;
import io.tidemq.common.protocol.heartbeat.HeartbeatData;
import io.tidemq.common.protocol.heartbeat.SubscriptionData;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a request needs under plain ACL: the admin role, and a permission on each topic and group (a group as its
 * retry topic) it names, read from the request as Apache 4.9 reads it. Requests not listed here need only a valid
 * signature. Beyond Apache, batch sends need PUB on their topic like single sends, and the ACL, offset-reset and
 * cleaning requests need the admin role (Apache lets any signed account create an admin account).
 */
final class RequiredAccess {
    private static final Set<Integer> ADMIN_CODES = Set.of(
            // Apache's five
            RequestCode.UPDATE_AND_CREATE_TOPIC, RequestCode.UPDATE_BROKER_CONFIG, RequestCode.DELETE_TOPIC_IN_BROKER,
            RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, RequestCode.DELETE_SUBSCRIPTIONGROUP,
            // TideMQ's additions: who may change the ACL or read its secrets, rewind groups, delete files
            RequestCode.UPDATE_AND_CREATE_ACL_CONFIG, RequestCode.DELETE_ACL_CONFIG,
            RequestCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG, RequestCode.GET_BROKER_CLUSTER_ACL_CONFIG,
            RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE,
            RequestCode.CLEAN_UNUSED_TOPIC, RequestCode.TRIGGER_DELETE_FILES);

    final boolean admin;
    /** Resource (topic, or %RETRY%group) to the permission needed on it, in request order. */
    final Map<String, Byte> resources;

    private RequiredAccess(boolean admin, Map<String, Byte> resources) {
        this.admin = admin;
        this.resources = resources;
    }

    static RequiredAccess of(RemotingCommand request) {
        Map<String, Byte> r = new LinkedHashMap<>();
        Map<String, String> f = request.getExtFields() == null ? Map.of() : request.getExtFields();
        switch (request.getCode()) {
            case RequestCode.SEND_MESSAGE -> add(r, f.get("topic"), AclPermission.PUB);
            case RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE -> {
                // the compact header names the topic "b"; a batch may come with the long header
                add(r, f.get("b"), AclPermission.PUB);
                add(r, f.get("topic"), AclPermission.PUB);
            }
            case RequestCode.CONSUMER_SEND_MSG_BACK -> {
                add(r, f.get("originTopic"), AclPermission.PUB);
                addGroup(r, f.get("group"));
            }
            case RequestCode.PULL_MESSAGE -> {
                add(r, f.get("topic"), AclPermission.SUB);
                addGroup(r, f.get("consumerGroup"));
            }
            case RequestCode.QUERY_MESSAGE -> add(r, f.get("topic"), AclPermission.SUB);
            case RequestCode.HEART_BEAT -> heartbeat(r, request.getBody());
            case RequestCode.UNREGISTER_CLIENT, RequestCode.GET_CONSUMER_LIST_BY_GROUP ->
                    addGroup(r, f.get("consumerGroup"));
            case RequestCode.UPDATE_CONSUMER_OFFSET -> {
                addGroup(r, f.get("consumerGroup"));
                add(r, f.get("topic"), AclPermission.SUB);
            }
            default -> {
                // signature only
            }
        }
        return new RequiredAccess(ADMIN_CODES.contains(request.getCode()), r);
    }

    private static void heartbeat(Map<String, Byte> r, byte[] body) {
        if (body == null || body.length == 0) {
            return;
        }
        HeartbeatData data;
        try {
            data = Json.fromBytes(body, HeartbeatData.class);
        } catch (RuntimeException e) {
            throw new AclException("the heartbeat body cannot be read: " + e.getMessage());
        }
        if (data.consumerDataSet == null) {
            return;
        }
        for (ConsumerData c : data.consumerDataSet) {
            addGroup(r, c.groupName);
            if (c.subscriptionDataSet != null) {
                for (SubscriptionData s : c.subscriptionDataSet) {
                    add(r, s.topic, AclPermission.SUB);
                }
            }
        }
    }

    private static void addGroup(Map<String, Byte> r, String group) {
        if (group != null) {
            add(r, group.startsWith(Account.RETRY_PREFIX) ? group : Account.RETRY_PREFIX + group, AclPermission.SUB);
        }
    }

    private static void add(Map<String, Byte> r, String resource, byte perm) {
        if (resource != null) {
            r.merge(resource, perm, (a, b) -> (byte) (a | b));
        }
    }
}
