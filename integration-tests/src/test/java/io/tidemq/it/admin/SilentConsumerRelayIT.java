package io.tidemq.it.admin;

import io.tidemq.it.support.SingleBroker;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.protocol.heartbeat.ConsumeType;
import org.apache.rocketmq.common.protocol.heartbeat.ConsumerData;
import org.apache.rocketmq.common.protocol.heartbeat.HeartbeatData;
import org.apache.rocketmq.common.protocol.heartbeat.MessageModel;
import org.apache.rocketmq.common.protocol.heartbeat.SubscriptionData;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.apache.rocketmq.remoting.netty.NettyRequestProcessor;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A consumer that is connected but never answers the broker's relayed requests: the admin gets
 * CONSUME_MSG_TIMEOUT for running info and an empty status table, in time, and while many such requests wait
 * the broker answers everything else at once (no broker thread waits for a client).
 */
class SilentConsumerRelayIT {
    private static final String GROUP = "CG_SILENT";
    private static final String CLIENT_ID = "127.0.0.1@silent";

    @TempDir
    Path dir;

    @Test
    void aSilentClientIsAnsweredForWithoutHoldingTheBroker() throws Exception {
        try (SingleBroker cluster = SingleBroker.start(dir, "PG_SILENT")) {
            cluster.admin.createAndUpdateTopicConfig(cluster.broker.address(), new TopicConfig("IT_SILENT", 1, 1, 6));
            ExecutorService sleepers = Executors.newCachedThreadPool();
            NettyRemotingClient silent = new NettyRemotingClient(new NettyClientConfig());
            NettyRequestProcessor never = new NettyRequestProcessor() {
                @Override
                public RemotingCommand processRequest(io.netty.channel.ChannelHandlerContext ctx,
                                                      RemotingCommand request) throws Exception {
                    Thread.sleep(30_000);
                    return null;
                }

                @Override
                public boolean rejectRequest() {
                    return false;
                }
            };
            silent.registerProcessor(307, never, sleepers);
            silent.registerProcessor(221, never, sleepers);
            silent.start();
            try {
                RemotingCommand heartbeat = RemotingCommand.createRequestCommand(34, null);
                heartbeat.setVersion(399);
                heartbeat.setBody(heartbeatBody().encode());
                assertThat(silent.invokeSync(cluster.broker.address(), heartbeat, 5000).getCode()).isZero();
                // the heartbeat creates the group's retry topic, whose route the admin looks the broker up by; the
                // broker announces it to the NameServer right after, asynchronously
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                        !cluster.admin.examineTopicRouteInfo("%RETRY%" + GROUP).getBrokerDatas().isEmpty());

                // many relays waiting for the silent client at once, more than the broker has admin threads
                List<CompletableFuture<Throwable>> waiting = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    waiting.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            cluster.admin.getConsumerRunningInfo(GROUP, CLIENT_ID, false);
                            return null;
                        } catch (Exception e) {
                            return e;
                        }
                    }, sleepers));
                }
                Thread.sleep(500);
                long began = System.nanoTime();
                assertThat(cluster.admin.fetchBrokerRuntimeStats(cluster.broker.address()).getTable())
                        .containsKey("brokerVersionDesc");
                assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));

                for (CompletableFuture<Throwable> f : waiting) {
                    Throwable t = f.get(20, TimeUnit.SECONDS);
                    assertThat(t).isInstanceOf(MQClientException.class);
                    assertThat(((MQClientException) t).getResponseCode()).isEqualTo(207);
                    assertThat(t).hasMessageContaining("consumer <" + GROUP + " " + CLIENT_ID + "> Timeout");
                }

                // the status relay leaves the silent client out and still answers before the admin gives up
                assertThat(cluster.admin.getConsumeStatus("IT_SILENT", GROUP, "")).isEmpty();
            } finally {
                silent.shutdown();
                sleepers.shutdownNow();
            }
            assertThatThrownBy(() -> cluster.admin.getConsumerRunningInfo(GROUP, "127.0.0.1@gone", false))
                    .hasMessageContaining("not online");
        }
    }

    private static HeartbeatData heartbeatBody() {
        HeartbeatData hb = new HeartbeatData();
        hb.setClientID(CLIENT_ID);
        ConsumerData cd = new ConsumerData();
        cd.setGroupName(GROUP);
        cd.setConsumeType(ConsumeType.CONSUME_PASSIVELY);
        cd.setMessageModel(MessageModel.CLUSTERING);
        cd.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        SubscriptionData sd = new SubscriptionData();
        sd.setTopic("IT_SILENT");
        sd.setSubString("*");
        cd.getSubscriptionDataSet().add(sd);
        hb.getConsumerDataSet().add(cd);
        return hb;
    }
}
