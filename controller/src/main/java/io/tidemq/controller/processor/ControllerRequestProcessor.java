package io.tidemq.controller.processor;

import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.BrokerReplicasInfo;
import io.tidemq.common.protocol.body.SyncStateSet;
import io.tidemq.common.protocol.header.controller.AlterSyncStateSetRequestHeader;
import io.tidemq.common.protocol.header.controller.AlterSyncStateSetResponseHeader;
import io.tidemq.common.protocol.header.controller.ApplyBrokerIdRequestHeader;
import io.tidemq.common.protocol.header.controller.ApplyBrokerIdResponseHeader;
import io.tidemq.common.protocol.header.controller.BrokerHeartbeatRequestHeader;
import io.tidemq.common.protocol.header.controller.BrokerHeartbeatResponseHeader;
import io.tidemq.common.protocol.header.controller.ElectMasterRequestHeader;
import io.tidemq.common.protocol.header.controller.ElectMasterResponseHeader;
import io.tidemq.common.protocol.header.controller.GetMetaDataResponseHeader;
import io.tidemq.common.protocol.header.controller.GetNextBrokerIdRequestHeader;
import io.tidemq.common.protocol.header.controller.GetNextBrokerIdResponseHeader;
import io.tidemq.common.protocol.header.controller.GetReplicaInfoRequestHeader;
import io.tidemq.common.protocol.header.controller.GetReplicaInfoResponseHeader;
import io.tidemq.common.protocol.header.controller.RegisterBrokerToControllerRequestHeader;
import io.tidemq.common.protocol.header.controller.RegisterBrokerToControllerResponseHeader;
import io.tidemq.controller.election.ControllerService;
import io.tidemq.controller.config.ControllerConfig;
import io.tidemq.controller.election.BrokerBeat;
import io.tidemq.controller.state.CommandResult;
import io.tidemq.controller.state.ControllerCommand;
import io.tidemq.controller.state.ReplicaGroup;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.exception.RemotingCommandException;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The controller's requests under RocketMQ 5's codes: from brokers (heartbeat, id application, registration,
 * in-sync set changes) and from admin tools (replica info, sync state data, metadata, elect master). As in
 * RocketMQ 5, only the leading controller serves them (it alone knows who is alive); the others answer
 * CONTROLLER_NOT_LEADER naming it, and serve the metadata that says who leads. Answers that wait for the Raft log are written when it commits, no thread waits.
 */
public final class ControllerRequestProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerRequestProcessor.class);
    private final ControllerAdminRequests admin;

    private final ControllerService service;
    private final ControllerConfig config;
    private final LongSupplier nanoClock;

    public ControllerRequestProcessor(ControllerService service, ControllerConfig config,
                                      LongSupplier nanoClock) {
        this.service = service;
        this.config = config;
        this.nanoClock = nanoClock;
        this.admin = new ControllerAdminRequests(service, config);
    }

    public static int[] codes() {
        return new int[]{RequestCode.BROKER_HEARTBEAT, RequestCode.CONTROLLER_ALTER_SYNC_STATE_SET,
                RequestCode.CONTROLLER_ELECT_MASTER, RequestCode.CONTROLLER_REGISTER_BROKER,
                RequestCode.CONTROLLER_GET_REPLICA_INFO, RequestCode.CONTROLLER_GET_METADATA_INFO,
                RequestCode.CONTROLLER_GET_SYNC_STATE_DATA, RequestCode.CONTROLLER_GET_NEXT_BROKER_ID,
                RequestCode.CONTROLLER_APPLY_BROKER_ID, RequestCode.GET_CONTROLLER_CONFIG,
                RequestCode.UPDATE_CONTROLLER_CONFIG, RequestCode.CLEAN_BROKER_DATA};
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        try {
            int code = request.getCode();
            if (code == RequestCode.CONTROLLER_GET_METADATA_INFO) {
                return metadata(request);
            }
            if (code == RequestCode.GET_CONTROLLER_CONFIG) {
                return admin.config(request);
            }
            if (code == RequestCode.UPDATE_CONTROLLER_CONFIG) {
                return admin.updateConfig(request);
            }
            if (!service.isLeader()) {
                ControllerConfig.Peer leader = service.leaderPeer();
                return RemotingCommand.responseTo(request, ResponseCode.CONTROLLER_NOT_LEADER,
                        "not the leading controller; leader: " + (leader == null ? "none" : leader.address()));
            }
            if (code == RequestCode.CONTROLLER_GET_SYNC_STATE_DATA) {
                return syncStateData(request);
            }
            if (code == RequestCode.CONTROLLER_GET_REPLICA_INFO) {
                return replicaInfo(request);
            }
            CompletableFuture<RemotingCommand> answer = switch (code) {
                case RequestCode.BROKER_HEARTBEAT -> heartbeat(channel, request);
                case RequestCode.CONTROLLER_GET_NEXT_BROKER_ID -> nextBrokerId(request);
                case RequestCode.CONTROLLER_APPLY_BROKER_ID -> applyBrokerId(request);
                case RequestCode.CONTROLLER_REGISTER_BROKER -> register(request);
                case RequestCode.CONTROLLER_ALTER_SYNC_STATE_SET -> alterSyncStateSet(request);
                case RequestCode.CONTROLLER_ELECT_MASTER -> electMaster(request);
                case RequestCode.CLEAN_BROKER_DATA -> admin.clean(request);
                default -> CompletableFuture.completedFuture(RemotingCommand.responseTo(request,
                        ResponseCode.REQUEST_CODE_NOT_SUPPORTED, "request code " + code + " not supported"));
            };
            if (answer.isDone() && !answer.isCompletedExceptionally()) {
                return answer.join();
            }
            answer.whenComplete((r, e) -> channel.writeAndForget(e == null ? r : failure(request, e)));
            return null;
        } catch (RemotingCommandException | IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.CONTROLLER_INVALID_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("controller request {} failed", request.getCode(), e);
            return failure(request, e);
        }
    }

    private static RemotingCommand failure(RemotingCommand request, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                "not committed by the controllers: " + cause);
    }

    private static <T> T required(T value, String field) throws RemotingCommandException {
        if (value == null) {
            throw new RemotingCommandException("the custom field <" + field + "> is null");
        }
        return value;
    }

    private CompletableFuture<RemotingCommand> heartbeat(RemoteChannel channel, RemotingCommand request)
            throws RemotingCommandException {
        BrokerHeartbeatRequestHeader h = request.decodeHeader(BrokerHeartbeatRequestHeader.class);
        BrokerBeat beat = new BrokerBeat(h.clusterName, required(h.brokerName, "brokerName"),
                required(h.brokerId, "brokerId"), required(h.brokerAddr, "brokerAddr"),
                h.epoch == null ? 0 : h.epoch, h.maxOffset == null ? 0 : h.maxOffset,
                h.confirmOffset == null ? 0 : h.confirmOffset,
                h.heartbeatTimeoutMills == null ? 3000 : h.heartbeatTimeoutMills,
                h.electionPriority == null ? Integer.MAX_VALUE : h.electionPriority, channel, nanoClock.getAsLong());
        return service.heartbeat(beat).thenApply(a -> {
            RemotingCommand r = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
            BrokerHeartbeatResponseHeader out = new BrokerHeartbeatResponseHeader();
            ReplicaGroup g = a.group();
            if (g != null) {
                out.masterBrokerId = g.masterBrokerId();
                out.masterAddress = g.masterAddress();
                out.masterEpoch = g.masterEpoch();
                out.syncStateSetEpoch = g.syncStateSetEpoch();
                out.syncStateSet = g.syncStateSet().stream().map(String::valueOf).collect(Collectors.joining(","));
                out.masterHaAddress = g.masterHaAddress();
                out.epochStarts = g.epochs().stream().map(e -> e.epoch() + ":" + e.startOffset())
                        .collect(Collectors.joining(","));
            }
            out.leaseMillis = a.leaseMillis();
            return r.writeHeader(out);
        });
    }

    private CompletableFuture<RemotingCommand> nextBrokerId(RemotingCommand request) throws RemotingCommandException {
        GetNextBrokerIdRequestHeader h = request.decodeHeader(GetNextBrokerIdRequestHeader.class);
        ReplicaGroup g = service.group(required(h.brokerName, "brokerName"));
        GetNextBrokerIdResponseHeader out = new GetNextBrokerIdResponseHeader();
        out.clusterName = h.clusterName;
        out.brokerName = h.brokerName;
        out.nextBrokerId = g == null ? 1 : g.nextBrokerId();
        return done(RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).writeHeader(out));
    }

    private CompletableFuture<RemotingCommand> applyBrokerId(RemotingCommand request)
            throws RemotingCommandException {
        ApplyBrokerIdRequestHeader h = request.decodeHeader(ApplyBrokerIdRequestHeader.class);
        String checkCode = required(h.registerCheckCode, "registerCheckCode");
        // 5.x's check code is "address;timestamp"; the address part is where the broker listens
        String address = checkCode.contains(";") ? checkCode.substring(0, checkCode.indexOf(';')) : checkCode;
        ControllerCommand c = new ControllerCommand.ApplyBrokerId(h.clusterName, required(h.brokerName, "brokerName"),
                h.appliedBrokerId == null ? -1 : h.appliedBrokerId, checkCode, address);
        return service.submit(c).thenApply(r -> {
            RemotingCommand resp = RemotingCommand.responseTo(request, r.code(), r.remark());
            ApplyBrokerIdResponseHeader out = new ApplyBrokerIdResponseHeader();
            out.clusterName = h.clusterName;
            out.brokerName = h.brokerName;
            resp.writeHeader(out);
            if (r.brokerId() != null) {
                resp.addExtField("brokerId", String.valueOf(r.brokerId()));
            }
            return resp;
        });
    }

    private CompletableFuture<RemotingCommand> register(RemotingCommand request) throws RemotingCommandException {
        RegisterBrokerToControllerRequestHeader h = request.decodeHeader(RegisterBrokerToControllerRequestHeader.class);
        ControllerCommand c = new ControllerCommand.RegisterBroker(h.clusterName, required(h.brokerName, "brokerName"),
                required(h.brokerId, "brokerId"), required(h.brokerAddress, "brokerAddress"), h.haServerAddr);
        return service.submit(c).thenApply(r -> {
            RemotingCommand resp = RemotingCommand.responseTo(request, r.code(), r.remark());
            ReplicaGroup g = r.group();
            RegisterBrokerToControllerResponseHeader out = new RegisterBrokerToControllerResponseHeader();
            out.clusterName = h.clusterName;
            out.brokerName = h.brokerName;
            if (g != null) {
                out.masterBrokerId = g.masterBrokerId();
                out.masterAddress = g.masterAddress();
                out.masterEpoch = g.masterEpoch();
                out.syncStateSetEpoch = g.syncStateSetEpoch();
                resp.setBody(Json.toBytes(new SyncStateSet(g.syncStateSet(), g.syncStateSetEpoch())));
            }
            return resp.writeHeader(out);
        });
    }

    private CompletableFuture<RemotingCommand> alterSyncStateSet(RemotingCommand request)
            throws RemotingCommandException {
        AlterSyncStateSetRequestHeader h = request.decodeHeader(AlterSyncStateSetRequestHeader.class);
        if (request.getBody() == null) {
            throw new IllegalArgumentException("CONTROLLER_ALTER_SYNC_STATE_SET needs a SyncStateSet body");
        }
        SyncStateSet proposed = Json.fromBytes(request.getBody(), SyncStateSet.class);
        ControllerCommand c = new ControllerCommand.AlterSyncStateSet(required(h.brokerName, "brokerName"),
                required(h.masterBrokerId, "masterBrokerId"), required(h.masterEpoch, "masterEpoch"),
                proposed.syncStateSetEpoch, Set.copyOf(proposed.syncStateSet));
        return service.submit(c).thenApply(r -> {
            RemotingCommand resp = RemotingCommand.responseTo(request, r.code(), r.remark());
            AlterSyncStateSetResponseHeader out = new AlterSyncStateSetResponseHeader();
            out.newSyncStateSetEpoch = r.group() == null ? 0 : r.group().syncStateSetEpoch();
            if (r.group() != null) {
                resp.setBody(Json.toBytes(new SyncStateSet(r.group().syncStateSet(), r.group().syncStateSetEpoch())));
            }
            return resp.writeHeader(out);
        });
    }

    private CompletableFuture<RemotingCommand> electMaster(RemotingCommand request) throws RemotingCommandException {
        ElectMasterRequestHeader h = request.decodeHeader(ElectMasterRequestHeader.class);
        String name = required(h.brokerName, "brokerName");
        ReplicaGroup g = service.group(name);
        if (g == null) {
            return done(RemotingCommand.responseTo(request, ResponseCode.CONTROLLER_BROKER_METADATA_NOT_EXIST,
                    "no broker group " + name));
        }
        CompletableFuture<CommandResult> result;
        boolean designated = Boolean.TRUE.equals(h.designateElect) && h.brokerId != null && h.brokerId > 0;
        if (designated) {
            if (!service.policy().eligible(g, h.brokerId)) {
                return done(RemotingCommand.responseTo(request, ResponseCode.CONTROLLER_ELECT_MASTER_FAILED,
                        "brokerId " + h.brokerId + " is not in the in-sync set " + g.syncStateSet() + " of " + name));
            }
            if (!service.alive(service.liveness().beat(name, h.brokerId))) {
                return done(RemotingCommand.responseTo(request, ResponseCode.CONTROLLER_BROKER_NOT_ALIVE,
                        "brokerId " + h.brokerId + " of " + name + " is not alive"));
            }
            result = h.brokerId.equals(g.masterBrokerId()) ? CompletableFuture.completedFuture(
                    CommandResult.refusedWith(ResponseCode.SUCCESS, null, g)) : service.elect(g, h.brokerId);
        } else {
            result = service.electIfPossible(name, g.masterBrokerId());
        }
        return result.thenApply(r -> {
            RemotingCommand resp = RemotingCommand.responseTo(request, r.code(), r.remark());
            ReplicaGroup now = r.group() == null ? g : r.group();
            ElectMasterResponseHeader out = new ElectMasterResponseHeader();
            out.masterBrokerId = now.masterBrokerId();
            out.masterAddress = now.masterAddress();
            out.masterEpoch = now.masterEpoch();
            out.syncStateSetEpoch = now.syncStateSetEpoch();
            return resp.writeHeader(out);
        });
    }

    private RemotingCommand replicaInfo(RemotingCommand request) throws RemotingCommandException {
        String name = required(request.decodeHeader(GetReplicaInfoRequestHeader.class).brokerName, "brokerName");
        ReplicaGroup g = service.group(name);
        if (g == null) {
            return RemotingCommand.responseTo(request, ResponseCode.CONTROLLER_BROKER_METADATA_NOT_EXIST,
                    "no broker group " + name);
        }
        GetReplicaInfoResponseHeader out = new GetReplicaInfoResponseHeader();
        out.masterBrokerId = g.masterBrokerId();
        out.masterAddress = g.masterAddress();
        out.masterEpoch = g.masterEpoch();
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).writeHeader(out)
                .setBody(Json.toBytes(new SyncStateSet(g.syncStateSet(), g.syncStateSetEpoch())));
    }

    private RemotingCommand syncStateData(RemotingCommand request) {
        List<String> names = request.getBody() == null ? List.copyOf(service.groups().keySet())
                : List.of(Json.fromBytes(request.getBody(), String[].class));
        BrokerReplicasInfo info = new BrokerReplicasInfo();
        Map<String, ReplicaGroup> all = service.groups();
        for (String name : names) {
            ReplicaGroup g = all.get(name);
            if (g == null) {
                continue;
            }
            BrokerReplicasInfo.ReplicasInfo ri = new BrokerReplicasInfo.ReplicasInfo();
            ri.masterBrokerId = g.masterBrokerId();
            ri.masterAddress = g.masterAddress();
            ri.masterEpoch = g.masterEpoch();
            ri.syncStateSetEpoch = g.syncStateSetEpoch();
            g.replicas().values().forEach(r -> {
                boolean alive = service.alive(service.liveness().beat(name, r.brokerId()));
                BrokerReplicasInfo.ReplicaIdentity id =
                        new BrokerReplicasInfo.ReplicaIdentity(name, r.brokerId(), r.address(), alive);
                (g.syncStateSet().contains(r.brokerId()) ? ri.inSyncReplicas : ri.notInSyncReplicas).add(id);
            });
            info.replicasInfoTable.put(name, ri);
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).setBody(Json.toBytes(info));
    }

    private RemotingCommand metadata(RemotingCommand request) {
        GetMetaDataResponseHeader out = new GetMetaDataResponseHeader();
        ControllerConfig.Peer leader = service.leaderPeer();
        out.group = config.getControllerDLegerGroup();
        out.controllerLeaderId = leader == null ? null : leader.id();
        out.controllerLeaderAddress = leader == null ? null : leader.address();
        out.isLeader = service.isLeader();
        out.peers = config.getControllerDLegerPeers();
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).writeHeader(out);
    }

    private static CompletableFuture<RemotingCommand> done(RemotingCommand r) {
        return CompletableFuture.completedFuture(r);
    }
}
