package io.tidemq.broker.out;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.broker.role.BrokerRoleManager;
import io.tidemq.broker.role.ControllerLink;
import io.tidemq.broker.role.ControllerReplicas;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.SyncStateSet;
import io.tidemq.common.protocol.header.controller.AlterSyncStateSetRequestHeader;
import io.tidemq.common.protocol.header.controller.ApplyBrokerIdRequestHeader;
import io.tidemq.common.protocol.header.controller.BrokerHeartbeatRequestHeader;
import io.tidemq.common.protocol.header.controller.BrokerHeartbeatResponseHeader;
import io.tidemq.common.protocol.header.controller.GetMetaDataResponseHeader;
import io.tidemq.common.protocol.header.controller.RegisterBrokerToControllerRequestHeader;
import io.tidemq.remoting.ChannelEventListener;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.netty.NettyClientConfig;
import io.tidemq.remoting.netty.NettyRemotingClient;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * A broker's requests to the controllers, always to the leading one: found by asking each configured controller
 * for its metadata, and looked for again whenever a request fails or lands on a follower. A closed connection to
 * the leader is reported at once ({@code leaderLost}): a master's lease ends with it.
 */
public final class ControllerClient implements ControllerLink {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerClient.class);
    private static final long TIMEOUT_MILLIS = 1500;

    private final List<String> controllers;
    private final NettyRemotingClient client;
    private volatile String leader;

    public ControllerClient(List<String> controllers, NettyClientConfig config, Runnable leaderLost) {
        this.controllers = List.copyOf(controllers);
        this.client = new NettyRemotingClient(config, new ChannelEventListener() {
            @Override
            public void onChannelClose(String remoteAddr, RemoteChannel channel) {
                if (remoteAddr != null && remoteAddr.equals(leader)) {
                    leaderLost.run();
                }
            }
        });
    }

    /**
     * The controller mode of a broker over the network, or null when it is off. The client gets the controllers'
     * notices, and the store's identity is read from (or made in) {@code storeRoot}.
     */
    public static ControllerReplicas replicasFor(BrokerConfig broker, NettyClientConfig clientConfig,
                                                 java.nio.file.Path storeRoot, io.tidemq.store.MessageStore store,
                                                 BrokerRoleManager roles, String brokerAddr, String haAddr) {
        if (!broker.controllerMode().isEnableControllerMode()) {
            return null;
        }
        ControllerReplicas[] self = new ControllerReplicas[1];
        ControllerClient client = new ControllerClient(broker.controllerMode().controllerAddresses(), clientConfig,
                () -> self[0].leaderLost());
        self[0] = ControllerReplicas.create(broker, storeRoot, store, roles, brokerAddr, haAddr, client);
        client.client.registerProcessor(RequestCode.NOTIFY_BROKER_ROLE_CHANGED, (channel, request) -> {
            self[0].beatSoon();
            return null;
        }, null);
        return self[0];
    }

    @Override
    public void start() {
        client.start();
    }

    @Override
    public void shutdown() {
        client.shutdown();
    }

    @Override
    public long applyBrokerId(String cluster, String brokerName, long wanted, String checkCode) throws Exception {
        ApplyBrokerIdRequestHeader h = new ApplyBrokerIdRequestHeader();
        h.clusterName = cluster;
        h.brokerName = brokerName;
        h.appliedBrokerId = wanted;
        h.registerCheckCode = checkCode;
        RemotingCommand r = call(RemotingCommand.createRequest(RequestCode.CONTROLLER_APPLY_BROKER_ID, h));
        return Long.parseLong(r.getExtField("brokerId"));
    }

    @Override
    public void register(String cluster, String brokerName, long brokerId, String address, String haAddress)
            throws Exception {
        RegisterBrokerToControllerRequestHeader h = new RegisterBrokerToControllerRequestHeader();
        h.clusterName = cluster;
        h.brokerName = brokerName;
        h.brokerId = brokerId;
        h.brokerAddress = address;
        h.haServerAddr = haAddress;
        h.invokeTime = System.currentTimeMillis();
        call(RemotingCommand.createRequest(RequestCode.CONTROLLER_REGISTER_BROKER, h));
    }

    @Override
    public BrokerHeartbeatResponseHeader heartbeat(BrokerHeartbeatRequestHeader h) throws Exception {
        return call(RemotingCommand.createRequest(RequestCode.BROKER_HEARTBEAT, h))
                .decodeHeader(BrokerHeartbeatResponseHeader.class);
    }

    @Override
    public SyncStateSet alterSyncStateSet(String brokerName, long masterId, int masterEpoch, Set<Long> members,
                                          int expectedEpoch) throws Exception {
        AlterSyncStateSetRequestHeader h = new AlterSyncStateSetRequestHeader();
        h.brokerName = brokerName;
        h.masterBrokerId = masterId;
        h.masterEpoch = masterEpoch;
        h.invokeTime = System.currentTimeMillis();
        RemotingCommand req = RemotingCommand.createRequest(RequestCode.CONTROLLER_ALTER_SYNC_STATE_SET, h)
                .setBody(Json.toBytes(new SyncStateSet(members, expectedEpoch)));
        return Json.fromBytes(call(req).getBody(), SyncStateSet.class);
    }

    private RemotingCommand call(RemotingCommand request) throws Exception {
        String addr = leader != null ? leader : findLeader();
        if (addr == null) {
            throw new IllegalStateException("no leading controller among " + controllers);
        }
        RemotingCommand r;
        try {
            r = client.invokeSync(addr, request, TIMEOUT_MILLIS);
        } catch (Exception e) {
            leader = null;
            throw e;
        }
        if (r.getCode() == ResponseCode.CONTROLLER_NOT_LEADER) {
            leader = null;
        }
        if (r.getCode() != ResponseCode.SUCCESS) {
            throw new ControllerLink.Refused(r.getCode(), r.getRemark());
        }
        return r;
    }

    private String findLeader() {
        for (String c : controllers) {
            try {
                RemotingCommand r = client.invokeSync(c,
                        RemotingCommand.createRequest(RequestCode.CONTROLLER_GET_METADATA_INFO), TIMEOUT_MILLIS);
                GetMetaDataResponseHeader h = r.decodeHeader(GetMetaDataResponseHeader.class);
                if (Boolean.TRUE.equals(h.isLeader)) {
                    leader = c;
                    LOG.info("leading controller: {}", c);
                    return c;
                }
            } catch (Exception e) {
                LOG.debug("controller {} did not answer: {}", c, e.toString());
            }
        }
        return null;
    }
}
