package io.tidemq.it.admin;

import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request code Apache RocketMQ 4.9.3's broker registers (its BrokerController and AdminBrokerProcessor) is
 * served by ours on the main port and, pulls excepted, on the fast port: sent bare (no header, no body), each is
 * answered, none with REQUEST_CODE_NOT_SUPPORTED, and the broker keeps serving.
 */
class EveryApacheRequestCodeServedIT {
    /** By Apache 4.9.3 processor: send, pull, reply, query, client, consumer, transaction, admin. */
    private static final int[] CODES = {
        10, 310, 320, 36,
        11,
        324, 325,
        12, 33,
        34, 35, 46,
        38, 15, 14,
        37,
        17, 215, 21, 25, 26, 29, 30, 31, 32, 28, 41, 42, 200, 201, 207, 202, 203, 204, 208, 43, 45, 222, 223,
        300, 301, 303, 305, 306, 316, 307, 308, 309, 314, 315, 317, 321, 50, 51, 52, 53, 323, 54};
    private static final int PULL_MESSAGE = 11;
    private static final int REQUEST_CODE_NOT_SUPPORTED = 3;

    @TempDir
    Path dir;

    @Test
    void eachIsAnsweredOnBothPorts() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker broker = new TideBroker(ns.address(), dir.resolve("b"), Map.of())) {
            NettyRemotingClient client = new NettyRemotingClient(new NettyClientConfig());
            client.start();
            try {
                String main = broker.address();
                String host = main.substring(0, main.lastIndexOf(':'));
                String fast = host + ":" + (broker.controller().listenPort() - 2);
                List<String> unsupported = new ArrayList<>();
                for (int code : CODES) {
                    for (String addr : code == PULL_MESSAGE ? List.of(main) : List.of(main, fast)) {
                        RemotingCommand r = client.invokeSync(addr, RemotingCommand.createRequestCommand(code, null),
                                5000);
                        if (r.getCode() == REQUEST_CODE_NOT_SUPPORTED) {
                            unsupported.add(code + "@" + addr + ": " + r.getRemark());
                        }
                    }
                }
                assertThat(unsupported).isEmpty();
                // and the broker still answers real requests afterwards
                RemotingCommand runtime = client.invokeSync(main, RemotingCommand.createRequestCommand(28, null),
                        5000);
                assertThat(runtime.getCode()).isZero();
                assertThat(new String(runtime.getBody())).contains("brokerVersionDesc");
            } finally {
                client.shutdown();
            }
        }
    }
}
