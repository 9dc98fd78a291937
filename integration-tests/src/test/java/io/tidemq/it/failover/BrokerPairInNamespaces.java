package io.tidemq.it.failover;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.NetworkLab;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The partition tests' cluster: a lab network, two controller-mode brokers of one group in namespaces of their own
 * (nodes 2 and 3), a NameServer on the test's own address and controllers the test places; everything is stopped
 * and the network removed afterwards. Skips where network namespaces cannot be made.
 */
final class BrokerPairInNamespaces {
    /** Where a test puts its controllers (on the test's address, or on lab nodes it adds). */
    interface Controllers {
        ControllerFixture place(NetworkLab lab, Path dir) throws IOException;
    }

    /** The test itself, given the running cluster. */
    interface Body {
        void run(NetworkLab lab, DefaultMQAdminExt admin, ControllerQueries queries, ControllerFixture controllers,
                 String namesrv, TideBrokerProcess b2, TideBrokerProcess b3) throws Exception;
    }

    private BrokerPairInNamespaces() {
    }

    /** One controller on the test's address. */
    static ControllerFixture oneControllerOnTheHost(NetworkLab lab, Path dir) {
        return new ControllerFixture(dir, lab.hostAddress());
    }

    static void run(Path dir, String group, Controllers placement, Body body) throws Exception {
        assumeThat(NetworkLab.available()).as("network namespaces (root, iproute2)").isTrue();
        try (NetworkLab lab = new NetworkLab()) {
            String ns2 = lab.addNode(2);
            String ns3 = lab.addNode(3);
            try (TideNamesrv ns = new TideNamesrv(lab.hostAddress(), dir.resolve("ns"));
                 ControllerFixture controllers = placement.place(lab, dir.resolve("ctl")).start();
                 ControllerQueries queries = new ControllerQueries(controllers.addresses())) {
                Map<String, String> settings = MasterKilledUnderLoadFailsOverIT.controllerMode(group,
                        controllers.controllerAddr());
                try (TideBrokerProcess b2 = TideBrokerProcess.inNamespace(ns2, lab.address(2), 30911, ns.address(),
                        dir.resolve("b2"), settings).start();
                     TideBrokerProcess b3 = TideBrokerProcess.inNamespace(ns3, lab.address(3), 30911, ns.address(),
                             dir.resolve("b3"), settings).start()) {
                    DefaultMQAdminExt admin = Clients.admin(ns.address());
                    admin.start();
                    try {
                        body.run(lab, admin, queries, controllers, ns.address(), b2, b3);
                    } finally {
                        admin.shutdown();
                    }
                }
            }
        }
    }
}
