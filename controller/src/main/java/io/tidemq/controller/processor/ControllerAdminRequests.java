package io.tidemq.controller.processor;

import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.controller.CleanControllerBrokerDataRequestHeader;
import io.tidemq.config.ConfigBinder;
import io.tidemq.controller.config.ControllerConfig;
import io.tidemq.controller.election.ControllerService;
import io.tidemq.controller.state.ControllerCommand;
import io.tidemq.controller.state.ReplicaGroup;
import io.tidemq.remoting.exception.RemotingCommandException;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The operators' controller requests of mqadmin 5.x: getControllerConfig, updateControllerConfig (refused: the
 * settings change by a restart) and cleanBrokerMetadata (the group forgets replicas, live ones only when asked to).
 */
final class ControllerAdminRequests {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerAdminRequests.class);

    private final ControllerService service;
    private final ControllerConfig config;

    ControllerAdminRequests(ControllerService service, ControllerConfig config) {
        this.service = service;
        this.config = config;
    }

    /** GET_CONTROLLER_CONFIG: every setting of this controller as a properties text, as 5.x answers it. */
    RemotingCommand config(RemotingCommand request) {
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                .setBody(new ConfigBinder(config).toText(false).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * UPDATE_CONTROLLER_CONFIG is refused, never half applied: the election and Raft settings are read once at
     * start, and a controller that took a new value in memory would decide unlike its peers.
     */
    RemotingCommand updateConfig(RemotingCommand request) {
        String body = request.getBody() == null ? "" : new String(request.getBody(), StandardCharsets.UTF_8).trim();
        LOG.warn("UPDATE_CONTROLLER_CONFIG refused: {}", body.replace('\n', ' '));
        return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "controller settings do not change "
                + "at runtime: set " + (body.isEmpty() ? "them" : "[" + body.replace('\n', ' ') + "]")
                + " in each controller's properties file and restart the controllers one at a time");
    }

    /** CLEAN_BROKER_DATA: forgets replicas that are gone for good (a replaced machine, a retired group). */
    CompletableFuture<RemotingCommand> clean(RemotingCommand request) throws RemotingCommandException {
        CleanControllerBrokerDataRequestHeader h = request.decodeHeader(CleanControllerBrokerDataRequestHeader.class);
        if (h.brokerName == null || h.brokerName.isBlank()) {
            throw new RemotingCommandException("the custom field <brokerName> is null");
        }
        ReplicaGroup g = service.group(h.brokerName);
        if (g == null) {
            return done(request, ResponseCode.CONTROLLER_BROKER_METADATA_NOT_EXIST, "no broker group " + h.brokerName);
        }
        Set<Long> ids = parseIds(h.brokerControllerIdsToClean);
        Set<Long> targets = ids.isEmpty() ? g.replicas().keySet() : ids;
        if (!Boolean.TRUE.equals(h.isCleanLivingBroker)) {
            List<Long> alive = targets.stream()
                    .filter(id -> service.alive(service.liveness().beat(h.brokerName, id))).toList();
            if (!alive.isEmpty()) {
                return done(request, ResponseCode.CONTROLLER_INVALID_CLEAN_BROKER_METADATA, "brokerIds " + alive
                        + " of " + h.brokerName + " are alive: stop them first, or clean with -l");
            }
        }
        LOG.warn("cleanBrokerMetadata: {} forgets {}", h.brokerName, ids.isEmpty() ? "all its replicas" : ids);
        return service.submit(new ControllerCommand.ForgetReplicas(h.brokerName, ids)).thenApply(r ->
                RemotingCommand.responseTo(request, r.code(), r.remark()));
    }

    private static Set<Long> parseIds(String csv) throws RemotingCommandException {
        Set<Long> out = new TreeSet<>();
        if (csv == null) {
            return out;
        }
        for (String p : csv.split("[;,]")) {
            if (p.isBlank()) {
                continue;
            }
            try {
                out.add(Long.parseLong(p.trim()));
            } catch (NumberFormatException e) {
                throw new RemotingCommandException("brokerControllerIdsToClean: '" + p.trim() + "' is no brokerId");
            }
        }
        return out;
    }

    private static CompletableFuture<RemotingCommand> done(RemotingCommand request, int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, code, remark));
    }
}
