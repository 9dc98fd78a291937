package io.tidemq.console;

import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The console's connection to the cluster: the official admin client (and a pull consumer for browsing messages,
 * and the client's remoting for the controller requests 4.9's admin client lacks), signed with the configured ACL
 * credentials. Nothing else reaches the cluster.
 */
final class ClusterAdmin implements AutoCloseable {
    private final DefaultMQAdminExt admin;
    private final DefaultMQPullConsumer browser;
    private final NettyRemotingClient remoting;
    private final String namesrvAddr;

    ClusterAdmin(ConsoleConfig config) throws MQClientException {
        RPCHook signer = config.signsRequests()
                ? new AclClientRPCHook(new SessionCredentials(config.accessKey(), config.secretKey())) : null;
        String instance = "tidemq-console-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        namesrvAddr = config.namesrvAddr();
        admin = new DefaultMQAdminExt(signer, 5000);
        admin.setNamesrvAddr(namesrvAddr);
        admin.setInstanceName(instance);
        admin.setAdminExtGroup("TIDEMQ_CONSOLE_ADMIN");
        admin.start();
        browser = new DefaultMQPullConsumer("TIDEMQ_CONSOLE_BROWSER", signer);
        browser.setNamesrvAddr(namesrvAddr);
        browser.setInstanceName(instance);
        browser.start();
        remoting = new NettyRemotingClient(new NettyClientConfig());
        if (signer != null) {
            remoting.registerRPCHook(signer);
        }
        remoting.start();
    }

    /** One request by code to {@code addr} (a controller), with an optional JSON body; the answer as it came. */
    RemotingCommand invoke(String addr, int code, byte[] body) throws Exception {
        RemotingCommand request = RemotingCommand.createRequestCommand(code, null);
        request.setBody(body);
        return remoting.invokeSync(addr, request, 3000);
    }

    DefaultMQAdminExt admin() {
        return admin;
    }

    DefaultMQPullConsumer browser() {
        return browser;
    }

    String namesrvAddr() {
        return namesrvAddr;
    }

    List<String> namesrvList() {
        List<String> out = new ArrayList<>();
        for (String a : namesrvAddr.split(";")) {
            if (!a.isBlank()) {
                out.add(a.trim());
            }
        }
        return out;
    }

    ClusterInfo clusterInfo() throws Exception {
        return admin.examineBrokerClusterInfo();
    }

    /** The master address of every broker name (brokers without a master are left out). */
    Map<String, String> masters() throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (BrokerData bd : clusterInfo().getBrokerAddrTable().values()) {
            String master = bd.getBrokerAddrs().get(0L);
            if (master != null) {
                out.put(bd.getBrokerName(), master);
            }
        }
        return out;
    }

    /** Master addresses of the brokers of {@code cluster}; every master when {@code cluster} is null. */
    Set<String> mastersOf(String cluster) throws Exception {
        ClusterInfo info = clusterInfo();
        Set<String> names = cluster == null ? info.getBrokerAddrTable().keySet()
                : info.getClusterAddrTable().get(cluster);
        if (names == null) {
            throw new ApiException(404, "no cluster named '" + cluster + "'");
        }
        Set<String> out = new TreeSet<>();
        for (String name : names) {
            BrokerData bd = info.getBrokerAddrTable().get(name);
            if (bd != null && bd.getBrokerAddrs().get(0L) != null) {
                out.add(bd.getBrokerAddrs().get(0L));
            }
        }
        return out;
    }

    @Override
    public void close() {
        remoting.shutdown();
        browser.shutdown();
        admin.shutdown();
    }
}
