package io.tidemq.it.failover;

import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.body.BrokerReplicasInfo;
import io.tidemq.remoting.netty.NettyClientConfig;
import io.tidemq.remoting.netty.NettyRemotingClient;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.List;

/** Reads the controllers' view of a broker group with CONTROLLER_GET_SYNC_STATE_DATA, as mqadmin 5.x does. */
final class ControllerQueries implements AutoCloseable {
    private final NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig(), null);
    private final List<String> controllers;

    ControllerQueries(List<String> controllers) {
        this.controllers = controllers;
        client.start();
    }

    /** The group as the leading controller holds it, or null. */
    BrokerReplicasInfo.ReplicasInfo group(String brokerName) {
        for (String c : controllers) {
            try {
                RemotingCommand r = client.invokeSync(c, RemotingCommand.createRequest(
                        RequestCode.CONTROLLER_GET_SYNC_STATE_DATA).setBody(Json.toBytes(List.of(brokerName))), 2000);
                if (r.getCode() != 0) {
                    continue;
                }
                BrokerReplicasInfo info = Json.fromBytes(r.getBody(), BrokerReplicasInfo.class);
                return info.replicasInfoTable.get(brokerName);
            } catch (Exception e) {
                // next controller
            }
        }
        return null;
    }

    /** The leading controller's address as the first answering controller reports it, or null. */
    String leader() {
        for (String c : controllers) {
            try {
                RemotingCommand r = client.invokeSync(c, RemotingCommand.createRequest(
                        RequestCode.CONTROLLER_GET_METADATA_INFO), 2000);
                String leader = r.getExtField("controllerLeaderAddress");
                if (leader != null) {
                    return leader;
                }
            } catch (Exception e) {
                // next controller
            }
        }
        return null;
    }

    /** GET_BROKER_EPOCH_CACHE of one broker, as RocketMQ 5's mqadmin getBrokerEpoch asks it. */
    io.tidemq.common.protocol.body.EpochEntryCache brokerEpochs(String brokerAddr) throws Exception {
        RemotingCommand r = client.invokeSync(brokerAddr,
                RemotingCommand.createRequest(RequestCode.GET_BROKER_EPOCH_CACHE), 3000);
        if (r.getCode() != 0) {
            throw new IllegalStateException("GET_BROKER_EPOCH_CACHE: " + r.getCode() + " " + r.getRemark());
        }
        return Json.fromBytes(r.getBody(), io.tidemq.common.protocol.body.EpochEntryCache.class);
    }

    /** Asks the leading controller to make {@code brokerId} master of {@code brokerName}: the answer's code. */
    RemotingCommand electMaster(String brokerName, long brokerId) throws Exception {
        io.tidemq.common.protocol.header.controller.ElectMasterRequestHeader h =
                new io.tidemq.common.protocol.header.controller.ElectMasterRequestHeader();
        h.brokerName = brokerName;
        h.brokerId = brokerId;
        h.designateElect = true;
        RemotingCommand last = null;
        for (String c : controllers) {
            last = client.invokeSync(c, RemotingCommand.createRequest(RequestCode.CONTROLLER_ELECT_MASTER, h),
                    3000);
            if (last.getCode() != io.tidemq.common.protocol.ResponseCode.CONTROLLER_NOT_LEADER) {
                return last;
            }
        }
        return last;
    }

    /** How many replicas are in sync and alive. */
    int inSyncAlive(String brokerName) {
        BrokerReplicasInfo.ReplicasInfo g = group(brokerName);
        return g == null ? 0 : (int) g.inSyncReplicas.stream().filter(r -> Boolean.TRUE.equals(r.alive)).count();
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
