package io.tidemq.broker.out;

import io.tidemq.common.DataVersion;
import io.tidemq.common.json.Json;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.body.KVTable;
import io.tidemq.common.protocol.body.RegisterBrokerBody;
import io.tidemq.common.protocol.body.RegisterBrokerBodyCodec;
import io.tidemq.common.protocol.body.TopicConfigSerializeWrapper;
import io.tidemq.common.protocol.header.namesrv.QueryDataVersionRequestHeader;
import io.tidemq.common.protocol.header.namesrv.QueryDataVersionResponseHeader;
import io.tidemq.common.protocol.header.namesrv.RegisterBrokerRequestHeader;
import io.tidemq.common.protocol.header.namesrv.RegisterBrokerResponseHeader;
import io.tidemq.common.protocol.header.namesrv.UnRegisterBrokerRequestHeader;
import io.tidemq.remoting.exception.RemotingException;
import io.tidemq.remoting.netty.NettyClientConfig;
import io.tidemq.remoting.netty.NettyRemotingClient;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;

/** The broker's calls to other servers: registration with every NameServer, and calls to its master. */
public final class BrokerOuterAPI {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerOuterAPI.class);

    private final NettyRemotingClient client;
    private final ExecutorService registerExecutor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "BrokerRegister");
        t.setDaemon(true);
        return t;
    });
    private volatile List<String> namesrvAddrs = List.of();

    public BrokerOuterAPI(NettyClientConfig config) {
        this.client = new NettyRemotingClient(config, new io.tidemq.remoting.ChannelEventListener() { });
    }

    public void start() {
        client.start();
    }

    public void shutdown() {
        registerExecutor.shutdownNow();
        client.shutdown();
    }

    public NettyRemotingClient client() {
        return client;
    }

    /** Sets the NameServer list from {@code host:port;host:port}. */
    public void updateNamesrvAddrs(String addrs) {
        namesrvAddrs = parseAddrs(addrs);
    }

    /** {@code host:port;host:port} as a list, blanks dropped. */
    public static List<String> parseAddrs(String addrs) {
        List<String> list = new ArrayList<>();
        if (addrs != null) {
            for (String a : addrs.split(";")) {
                if (!a.isBlank()) {
                    list.add(a.trim());
                }
            }
        }
        return List.copyOf(list);
    }

    public List<String> namesrvAddrs() {
        return namesrvAddrs;
    }

    /**
     * Registers with every NameServer in parallel; returns the answers of those that succeeded. Oneway calls (after
     * auto-creating a topic) return an empty list at once. {@code masterEpoch}: controller mode's epoch of a master,
     * else null.
     */
    public List<RegisterResult> registerBrokerAll(String cluster, String brokerAddr, String brokerName, long brokerId,
                                                  String haServerAddr, TopicConfigSerializeWrapper topics,
                                                  List<String> filterServers, boolean oneway, int timeoutMillis,
                                                  boolean compressed, Integer masterEpoch) {
        RegisterBrokerBody body = new RegisterBrokerBody();
        body.topicConfigSerializeWrapper = topics;
        body.filterServerList = new ArrayList<>(filterServers);
        byte[] bytes = RegisterBrokerBodyCodec.encode(body, compressed);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        List<CompletableFuture<RegisterResult>> futures = new ArrayList<>();
        for (String ns : namesrvAddrs) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                RegisterBrokerRequestHeader h = new RegisterBrokerRequestHeader(cluster, brokerName, brokerAddr,
                        brokerId, haServerAddr);
                h.compressed = compressed;
                h.masterEpoch = masterEpoch;
                h.bodyCrc32 = (int) (crc.getValue() & 0x7FFFFFFF);
                RemotingCommand request = RemotingCommand.createRequest(RequestCode.REGISTER_BROKER, h);
                request.setBody(bytes);
                try {
                    if (oneway) {
                        client.invokeOneway(ns, request, timeoutMillis);
                        return null;
                    }
                    RemotingCommand response = client.invokeSync(ns, request, timeoutMillis);
                    if (response.getCode() != ResponseCode.SUCCESS) {
                        LOG.warn("register to {} refused: {} {}", ns, response.getCode(), response.getRemark());
                        return null;
                    }
                    RegisterBrokerResponseHeader rh = response.decodeHeader(RegisterBrokerResponseHeader.class);
                    KVTable order = response.getBody() == null ? null
                            : Json.fromBytes(response.getBody(), KVTable.class);
                    return new RegisterResult(ns, rh.masterAddr, rh.haServerAddr, order == null ? null : order.table);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                } catch (RemotingException | RuntimeException e) {
                    LOG.warn("register to {} failed: {}", ns, e.toString());
                    return null;
                }
            }, registerExecutor));
        }
        List<RegisterResult> results = new ArrayList<>();
        for (CompletableFuture<RegisterResult> f : futures) {
            RegisterResult r = f.join();
            if (r != null) {
                results.add(r);
            }
        }
        return results;
    }

    /**
     * forceRegister=false: asks every NameServer whether its copy of this broker's topic table is older than
     * {@code version} (QUERY_DATA_VERSION, which also refreshes the broker's liveness there); true when any says so
     * or does not answer, so that registration is never skipped on doubt.
     */
    public boolean needRegister(String cluster, String brokerAddr, String brokerName, long brokerId,
                                DataVersion version, int timeoutMillis) {
        byte[] body = Json.toBytes(version);
        List<CompletableFuture<Boolean>> futures = new ArrayList<>();
        for (String ns : namesrvAddrs) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                RemotingCommand request = RemotingCommand.createRequest(RequestCode.QUERY_DATA_VERSION,
                        new QueryDataVersionRequestHeader(cluster, brokerName, brokerAddr, brokerId));
                request.setBody(body);
                try {
                    RemotingCommand response = client.invokeSync(ns, request, timeoutMillis);
                    if (response.getCode() != ResponseCode.SUCCESS) {
                        return true;
                    }
                    QueryDataVersionResponseHeader h = response.decodeHeader(QueryDataVersionResponseHeader.class);
                    return h.changed == null || h.changed;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                } catch (RemotingException | RuntimeException e) {
                    LOG.warn("query data version at {} failed: {}", ns, e.toString());
                    return true;
                }
            }, registerExecutor));
        }
        boolean any = false;
        for (CompletableFuture<Boolean> f : futures) {
            any |= f.join();
        }
        return any;
    }

    /** Unregisters from every NameServer (shutdown). */
    public void unregisterBrokerAll(String cluster, String brokerAddr, String brokerName, long brokerId) {
        for (String ns : namesrvAddrs) {
            try {
                RemotingCommand request = RemotingCommand.createRequest(RequestCode.UNREGISTER_BROKER,
                        new UnRegisterBrokerRequestHeader(cluster, brokerName, brokerAddr, brokerId));
                RemotingCommand response = client.invokeSync(ns, request, 3000);
                LOG.info("unregistered from {}: {}", ns, response.getCode());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RemotingException | RuntimeException e) {
                LOG.warn("unregister from {} failed: {}", ns, e.toString());
            }
        }
    }
}
