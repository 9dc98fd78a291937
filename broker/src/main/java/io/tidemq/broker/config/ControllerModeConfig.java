package io.tidemq.broker.config;

import io.tidemq.config.ConfigException;
import io.tidemq.config.ConfigKey;
import io.tidemq.config.ConfigKey.Origin;

import java.util.ArrayList;
import java.util.List;

/**
 * Automatic failover under RocketMQ 5's keys: the broker asks the controllers for its id and role, heartbeats the
 * leading one, and acknowledges writes as master only while it holds the controller's lease. Off by default: then
 * roles are static, as in 4.9.
 */
public final class ControllerModeConfig {
    @ConfigKey(doc = "Let the controllers choose this broker's role and brokerId (brokerRole and brokerId are then "
            + "ignored: every broker starts as a slave). Needs controllerAddr.", origin = Origin.ROCKETMQ5,
            important = true)
    private boolean enableControllerMode = false;

    @ConfigKey(doc = "The controllers, host:port;host:port (their controllerDLegerPeers addresses).",
            origin = Origin.ROCKETMQ5, important = true)
    private String controllerAddr = "";

    @ConfigKey(doc = "Among in-sync replicas as up to date as each other, the lower value is elected first.",
            origin = Origin.ROCKETMQ5)
    private int brokerElectionPriority = Integer.MAX_VALUE;

    @ConfigKey(doc = "How often this broker heartbeats the leading controller, ms.", origin = Origin.ROCKETMQ5)
    private long brokerHeartbeatInterval = 1000;

    @ConfigKey(doc = "The controller takes this broker for dead after this long without a heartbeat, ms. A master's "
            + "write lease lasts two thirds of it, counted from when the heartbeat was sent, so a master that cannot "
            + "reach the controller stops acknowledging before another can be elected (RocketMQ 5's default: 10 s).",
            origin = Origin.ROCKETMQ5, important = true)
    private long controllerHeartBeatTimeoutMills = 3000;

    @ConfigKey(doc = "A send waits for every replica of the in-sync set (true), or only for this master (false: "
            + "what a master held alone is lost when another is elected).", origin = Origin.ROCKETMQ5,
            important = true)
    private boolean allAckInSyncStateSet = true;

    @ConfigKey(doc = "A slave that has not held everything its master held for this long leaves the in-sync set, "
            + "ms; one that holds everything joins it again.", origin = Origin.ROCKETMQ5)
    private long haMaxTimeSlaveNotCatchup = 3000;

    /** The controller addresses, in order. */
    public List<String> controllerAddresses() {
        List<String> out = new ArrayList<>();
        for (String a : controllerAddr.split(";")) {
            if (!a.isBlank()) {
                out.add(a.trim());
            }
        }
        return out;
    }

    public void validate() {
        if (!enableControllerMode) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (controllerAddresses().isEmpty()) {
            problems.add("enableControllerMode=true needs controllerAddr (the controllers' host:port;host:port)");
        }
        if (brokerHeartbeatInterval < 50 || brokerHeartbeatInterval * 2 > controllerHeartBeatTimeoutMills) {
            problems.add("brokerHeartbeatInterval (" + brokerHeartbeatInterval + " ms) must be at least 50 ms and at "
                    + "most half of controllerHeartBeatTimeoutMills (" + controllerHeartBeatTimeoutMills + " ms)");
        }
        if (haMaxTimeSlaveNotCatchup < 100) {
            problems.add("haMaxTimeSlaveNotCatchup must be at least 100 ms, got " + haMaxTimeSlaveNotCatchup);
        }
        ConfigException.throwIfAny(problems);
    }

    public boolean isEnableControllerMode() {
        return enableControllerMode;
    }

    public void setEnableControllerMode(boolean v) {
        enableControllerMode = v;
    }

    public String getControllerAddr() {
        return controllerAddr;
    }

    public void setControllerAddr(String v) {
        controllerAddr = v;
    }

    public int getBrokerElectionPriority() {
        return brokerElectionPriority;
    }

    public long getBrokerHeartbeatInterval() {
        return brokerHeartbeatInterval;
    }

    public long getControllerHeartBeatTimeoutMills() {
        return controllerHeartBeatTimeoutMills;
    }

    public boolean isAllAckInSyncStateSet() {
        return allAckInSyncStateSet;
    }

    public long getHaMaxTimeSlaveNotCatchup() {
        return haMaxTimeSlaveNotCatchup;
    }
}
