package io.tidemq.broker.processor;

import io.tidemq.broker.acl.AclAccount;
import io.tidemq.broker.acl.AclException;
import io.tidemq.broker.acl.PlainAclManager;
import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.CreateAccessConfigRequestHeader;
import io.tidemq.common.protocol.header.DeleteAccessConfigRequestHeader;
import io.tidemq.common.protocol.header.GetBrokerAclConfigResponseHeader;
import io.tidemq.common.protocol.header.UpdateGlobalWhiteAddrsConfigRequestHeader;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The plain ACL admin requests of mqadmin (updateAclConfig, deleteAclConfig, updateGlobalWhiteAddr,
 * clusterAclConfigVersion, getAclConfig): UPDATE_AND_CREATE_ACL_CONFIG, DELETE_ACL_CONFIG,
 * UPDATE_GLOBAL_WHITE_ADDRS_CONFIG, GET_BROKER_CLUSTER_ACL_INFO and GET_BROKER_CLUSTER_ACL_CONFIG. Changes go to the
 * ACL files and are in force when the answer leaves.
 */
public final class AclAdminProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(AclAdminProcessor.class);

    private final PlainAclManager acl;
    private final BrokerConfig config;
    private final String brokerAddr;

    public AclAdminProcessor(PlainAclManager acl, BrokerConfig config, String brokerAddr) {
        this.acl = acl;
        this.config = config;
        this.brokerAddr = brokerAddr;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception {
        if (acl == null) {
            return RemotingCommand.createResponse(failureCode(request.getCode()),
                    "ACL is not enabled on this broker (aclEnable=false)");
        }
        try {
            return switch (request.getCode()) {
                case RequestCode.UPDATE_AND_CREATE_ACL_CONFIG -> update(acl, request, channel.remoteAddress());
                case RequestCode.DELETE_ACL_CONFIG -> delete(acl, request, channel.remoteAddress());
                case RequestCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG -> globalWhite(acl, request, channel.remoteAddress());
                case RequestCode.GET_BROKER_CLUSTER_ACL_INFO -> versions(acl);
                case RequestCode.GET_BROKER_CLUSTER_ACL_CONFIG -> TopicAdminProcessor.ok(Json.toBytes(acl.snapshot()));
                default -> RemotingCommand.createResponse(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                        " request type " + request.getCode() + " not supported");
            };
        } catch (AclException e) {
            LOG.warn("ACL request {} from {} refused: {}", request.getCode(), channel.remoteAddress(), e.getMessage());
            return RemotingCommand.createResponse(failureCode(request.getCode()), e.getMessage());
        }
    }

    private static RemotingCommand update(PlainAclManager acl, RemotingCommand request, String from)
            throws Exception {
        CreateAccessConfigRequestHeader h = request.decodeHeader(CreateAccessConfigRequestHeader.class);
        AclAccount a = new AclAccount();
        a.accessKey = h.accessKey;
        a.secretKey = h.secretKey;
        a.whiteRemoteAddress = h.whiteRemoteAddress;
        a.admin = h.admin;
        a.defaultTopicPerm = h.defaultTopicPerm;
        a.defaultGroupPerm = h.defaultGroupPerm;
        a.topicPerms = list(h.topicPerms);
        a.groupPerms = list(h.groupPerms);
        acl.updateAccount(a);
        LOG.info("ACL account {} created or updated by {} (admin={})", h.accessKey, from, h.admin);
        return TopicAdminProcessor.ok(null);
    }

    private static RemotingCommand delete(PlainAclManager acl, RemotingCommand request, String from)
            throws Exception {
        String key = request.decodeHeader(DeleteAccessConfigRequestHeader.class).accessKey;
        if (!acl.deleteAccount(key)) {
            return RemotingCommand.createResponse(ResponseCode.DELETE_ACL_CONFIG_FAILED,
                    "The accesskey[" + key + "] corresponding to accessConfig has been deleted failed: no ACL file "
                            + "holds it");
        }
        LOG.info("ACL account {} deleted by {}", key, from);
        return TopicAdminProcessor.ok(null);
    }

    private static RemotingCommand globalWhite(PlainAclManager acl, RemotingCommand request, String from)
            throws Exception {
        String text = request.decodeHeader(UpdateGlobalWhiteAddrsConfigRequestHeader.class).globalWhiteAddrs;
        List<String> patterns = list(text);
        acl.updateGlobalWhiteRemoteAddresses(patterns == null ? List.of() : patterns);
        LOG.info("ACL global whitelist set to {} by {}", patterns, from);
        return TopicAdminProcessor.ok(null);
    }

    private RemotingCommand versions(PlainAclManager acl) {
        GetBrokerAclConfigResponseHeader h = new GetBrokerAclConfigResponseHeader();
        h.version = Json.toString(acl.mainVersion());
        h.allAclFileVersion = Json.toString(acl.versions());
        h.brokerName = config.getBrokerName();
        h.brokerAddr = brokerAddr;
        h.clusterName = config.getBrokerClusterName();
        return TopicAdminProcessor.ok(null).writeHeader(h);
    }

    /** A comma-separated list as Apache splits it (blank entries dropped); null stays null ("keep"). */
    private static List<String> list(String text) {
        if (text == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    private static int failureCode(int requestCode) {
        return switch (requestCode) {
            case RequestCode.UPDATE_AND_CREATE_ACL_CONFIG -> ResponseCode.UPDATE_AND_CREATE_ACL_CONFIG_FAILED;
            case RequestCode.DELETE_ACL_CONFIG -> ResponseCode.DELETE_ACL_CONFIG_FAILED;
            case RequestCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG -> ResponseCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG_FAILED;
            default -> ResponseCode.SYSTEM_ERROR;
        };
    }
}
