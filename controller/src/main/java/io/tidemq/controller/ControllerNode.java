package io.tidemq.controller;

import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.header.controller.NotifyBrokerRoleChangedRequestHeader;
import io.tidemq.controller.config.ControllerConfig;
import io.tidemq.controller.election.BrokerBeat;
import io.tidemq.controller.election.ControllerService;
import io.tidemq.controller.election.ElectionPolicy;
import io.tidemq.controller.processor.ControllerRequestProcessor;
import io.tidemq.controller.raft.ControllerStateMachine;
import io.tidemq.controller.raft.RaftNode;
import io.tidemq.controller.state.ReplicaGroup;
import io.tidemq.remoting.ChannelEventListener;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.netty.NettyRemotingServer;
import io.tidemq.remoting.netty.NettyServerConfig;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One controller: its Raft member, the decisions service, and the remoting server brokers and mqadmin reach on its
 * peer address. Used by {@link ControllerStartup} ({@code mqcontroller}), by a NameServer with
 * {@code enableControllerInNamesrv=true}, and in-process by tests.
 */
public final class ControllerNode {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerNode.class);

    private final ControllerConfig config;
    private final long scanMillis;
    private final ControllerStateMachine stateMachine = new ControllerStateMachine(id -> LOG.info(
            "controller leader is now {}", id));
    private final RaftNode raft;
    private final ControllerService service;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ControllerScan");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService requests = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "ControllerRequest");
        t.setDaemon(true);
        return t;
    });
    private NettyRemotingServer server;

    /** {@code scanMillis}: how often the leader looks for silent brokers. */
    public ControllerNode(ControllerConfig config, long scanMillis) {
        config.validate();
        this.config = config;
        this.scanMillis = scanMillis;
        this.raft = new RaftNode(config, stateMachine);
        this.service = new ControllerService(raft, stateMachine,
                new ElectionPolicy(config.isEnableElectUncleanMaster()), System::nanoTime, this::notifyBrokers);
    }

    public synchronized void start() throws Exception {
        ControllerConfig.Peer self = config.self();
        NettyServerConfig net = new NettyServerConfig();
        net.setBindAddress(self.host());
        net.setListenPort(self.port());
        server = new NettyRemotingServer(net, new ChannelEventListener() {
            @Override
            public void onChannelClose(String remoteAddr, RemoteChannel channel) {
                service.channelClosed(channel);
            }

            @Override
            public void onChannelException(String remoteAddr, RemoteChannel channel) {
                service.channelClosed(channel);
            }
        });
        ControllerRequestProcessor processor = new ControllerRequestProcessor(service, config, System::nanoTime);
        for (int code : ControllerRequestProcessor.codes()) {
            server.registerProcessor(code, processor, requests);
        }
        try {
            raft.start();
            server.start();
        } catch (Exception e) {
            shutdown();
            throw e;
        }
        scheduler.scheduleWithFixedDelay(this::scan, scanMillis, scanMillis, TimeUnit.MILLISECONDS);
        LOG.info("controller {} serving on {} (Raft on port {})", self.id(), self.address(),
                self.port() + config.getControllerRaftPortOffset());
    }

    private void scan() {
        try {
            service.scan();
        } catch (RuntimeException e) {
            LOG.warn("controller scan failed", e);
        }
    }

    /** Tells every broker of the group that beats here that its master changed, so none waits for a heartbeat. */
    private void notifyBrokers(ReplicaGroup g, Iterable<BrokerBeat> beats) {
        NotifyBrokerRoleChangedRequestHeader h = new NotifyBrokerRoleChangedRequestHeader();
        h.masterBrokerId = g.masterBrokerId();
        h.masterAddress = g.masterAddress();
        h.masterEpoch = g.masterEpoch();
        h.syncStateSetEpoch = g.syncStateSetEpoch();
        for (BrokerBeat b : beats) {
            if (b.channel() != null && b.channel().isActive()) {
                b.channel().writeAndForget(RemotingCommand.createRequest(RequestCode.NOTIFY_BROKER_ROLE_CHANGED, h)
                        .markOneway());
            }
        }
    }

    public synchronized void shutdown() {
        scheduler.shutdownNow();
        if (server != null) {
            server.shutdown();
        }
        try {
            raft.close();
        } catch (Exception e) {
            LOG.warn("closing the Raft member failed", e);
        }
        requests.shutdownNow();
    }

    public ControllerService service() {
        return service;
    }

    public boolean isLeader() {
        return service.isLeader();
    }

    public String address() {
        return config.self().address();
    }
}
