package io.tidemq.controller.config;

import io.tidemq.config.ConfigException;
import io.tidemq.config.ConfigKey;
import io.tidemq.config.ConfigKey.Origin;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The controllers' Raft group and election settings, under RocketMQ 5's keys, read by {@code mqcontroller} and by
 * a NameServer with {@code enableControllerInNamesrv=true} (its controller's Raft group is configured
 * with the {@code controllerDLeger*} names whatever the consensus library; ours is Apache Ratis). The controller
 * serves brokers and admin tools on its own peer address; Raft traffic uses that port plus
 * {@code controllerRaftPortOffset}.
 */
public class ControllerConfig {
    @ConfigKey(doc = "Name of the controllers' Raft group; the same on every controller.", origin = Origin.ROCKETMQ5,
            important = true)
    private String controllerDLegerGroup = "group1";

    @ConfigKey(doc = "Every controller as id-host:port, separated by ';' (e.g. n0-10.0.0.1:9878;n1-10.0.0.2:9878;n2-10.0.0.3:9878)."
            + " host:port is where brokers and mqadmin reach that controller (the brokers' controllerAddr).",
            origin = Origin.ROCKETMQ5, important = true)
    private String controllerDLegerPeers = "n0-127.0.0.1:9878";

    @ConfigKey(doc = "Which of controllerDLegerPeers this controller is.", origin = Origin.ROCKETMQ5,
            important = true)
    private String controllerDLegerSelfId = "n0";

    @ConfigKey(doc = "Folder of the Raft log and snapshots.", origin = Origin.ROCKETMQ5,
            defaultText = "${user.home}/DledgerController", important = true)
    private String controllerStorePath = System.getProperty("user.home") + File.separator + "DledgerController";

    @ConfigKey(doc = "Elect a replica outside the in-sync set when no member of it is alive. Loses the messages "
            + "only the dead members held; off by default.", origin = Origin.ROCKETMQ5, important = true)
    private boolean enableElectUncleanMaster = false;

    @ConfigKey(doc = "Raft traffic between controllers uses each peer's port plus this offset.",
            origin = Origin.TIDEMQ)
    private int controllerRaftPortOffset = 1;

    /** One controller of the group: its id, and the address brokers reach it on. */
    public record Peer(String id, String host, int port) {
        public String address() {
            return host + ":" + port;
        }
    }

    /** The peers parsed from {@code controllerDLegerPeers}; a bad entry is a configuration error naming it. */
    public List<Peer> peers() {
        List<Peer> out = new ArrayList<>();
        for (String part : controllerDLegerPeers.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            int colon = p.lastIndexOf(':');
            if (dash <= 0 || colon < dash) {
                throw new ConfigException("controllerDLegerPeers entry '" + p + "' is not id-host:port");
            }
            try {
                int port = Integer.parseInt(p.substring(colon + 1));
                if (port <= 0 || port + controllerRaftPortOffset > 65535) {
                    throw new NumberFormatException();
                }
                out.add(new Peer(p.substring(0, dash), p.substring(dash + 1, colon), port));
            } catch (NumberFormatException e) {
                throw new ConfigException("controllerDLegerPeers entry '" + p + "' has no usable port");
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException("controllerDLegerPeers names no controller");
        }
        return out;
    }

    /** This controller's own peer entry. */
    public Peer self() {
        for (Peer p : peers()) {
            if (p.id().equals(controllerDLegerSelfId)) {
                return p;
            }
        }
        throw new ConfigException("controllerDLegerSelfId '" + controllerDLegerSelfId
                + "' is not among controllerDLegerPeers (" + controllerDLegerPeers + ")");
    }

    /** Checks everything at once; throws with every problem named. */
    public void validate() {
        List<String> problems = new ArrayList<>();
        try {
            self();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
        }
        if (controllerDLegerGroup == null || controllerDLegerGroup.isBlank()) {
            problems.add("controllerDLegerGroup must not be empty");
        }
        if (controllerRaftPortOffset == 0) {
            problems.add("controllerRaftPortOffset must not be 0: Raft needs a port of its own");
        }
        ConfigException.throwIfAny(problems);
    }

    public String getControllerDLegerGroup() {
        return controllerDLegerGroup;
    }

    public void setControllerDLegerGroup(String v) {
        controllerDLegerGroup = v;
    }

    public String getControllerDLegerPeers() {
        return controllerDLegerPeers;
    }

    public void setControllerDLegerPeers(String v) {
        controllerDLegerPeers = v;
    }

    public String getControllerDLegerSelfId() {
        return controllerDLegerSelfId;
    }

    public void setControllerDLegerSelfId(String v) {
        controllerDLegerSelfId = v;
    }

    public String getControllerStorePath() {
        return controllerStorePath;
    }

    public void setControllerStorePath(String v) {
        controllerStorePath = v;
    }

    public boolean isEnableElectUncleanMaster() {
        return enableElectUncleanMaster;
    }

    public void setEnableElectUncleanMaster(boolean v) {
        enableElectUncleanMaster = v;
    }

    public int getControllerRaftPortOffset() {
        return controllerRaftPortOffset;
    }
}
