package io.tidemq.remoting.netty;

/** Configurations for tests: loopback only, free ports, small thread counts. */
final class Servers {
    private Servers() {
    }

    static NettyServerConfig serverConfig() {
        NettyServerConfig config = new NettyServerConfig();
        config.setBindAddress("127.0.0.1");
        config.setListenPort(0);
        config.setServerSelectorThreads(1);
        config.setServerWorkerThreads(2);
        config.setServerCallbackExecutorThreads(1);
        return config;
    }

    static NettyClientConfig clientConfig() {
        NettyClientConfig config = new NettyClientConfig();
        config.setClientWorkerThreads(1);
        config.setClientCallbackExecutorThreads(2);
        return config;
    }

    static String addr(NettyRemotingServer server) {
        return "127.0.0.1:" + server.localPort();
    }
}
