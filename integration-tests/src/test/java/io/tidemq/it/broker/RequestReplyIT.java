package io.tidemq.it.broker;

import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.RequestCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.client.utils.MessageUtil;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Request-reply (RocketMQ 4.7+) with the official client: DefaultMQProducer.request waits for the reply a consumer
 * sends with MessageUtil.createReplyMessage; the broker pushes it to the requester (PUSH_REPLY_MESSAGE_TO_CLIENT).
 */
class RequestReplyIT {
    private static final String TOPIC = "IT_RPC";

    @TempDir
    Path dir;

    @Test
    void requesterGetsEachReplyFromTheRespondingConsumer() throws Exception {
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBroker broker = new TideBroker("127.0.0.1", ns.address(), dir.resolve("b"), Map.of())) {
            DefaultMQProducer responderProducer = Clients.producer("PG_RPC_RESPONDER", ns.address());
            responderProducer.start();
            List<SendResult> replySends = new CopyOnWriteArrayList<>();
            DefaultMQPushConsumer responder = Clients.pushConsumer("CG_RPC", ns.address());
            responder.subscribe(TOPIC, "*");
            responder.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
                try {
                    for (MessageExt m : msgs) {
                        String question = new String(m.getBody(), StandardCharsets.UTF_8);
                        Message reply = MessageUtil.createReplyMessage(m,
                                ("answer to " + question).getBytes(StandardCharsets.UTF_8));
                        replySends.add(responderProducer.send(reply, 3000));
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            responder.start();
            DefaultMQProducer requester = Clients.producer("PG_RPC_REQUESTER", ns.address());
            requester.start();
            try {
                // the first request also creates the topic and waits for the responder's rebalance
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> requester.request(
                        new Message(TOPIC, "T", "warm-up".getBytes(StandardCharsets.UTF_8)), 3000) != null);
                for (int i = 0; i < 20; i++) {
                    Message reply = requester.request(
                            new Message(TOPIC, "T", ("q" + i).getBytes(StandardCharsets.UTF_8)), 5000);
                    assertThat(new String(reply.getBody(), StandardCharsets.UTF_8)).isEqualTo("answer to q" + i);
                    assertThat(reply.getProperty(MessageConst.PROPERTY_MESSAGE_REPLY_TO_CLIENT))
                            .isEqualTo(requester.getDefaultMQProducerImpl().getmQClientFactory().getClientId());
                }
                CompletableFuture<String> async = new CompletableFuture<>();
                requester.request(new Message(TOPIC, "T", "async".getBytes(StandardCharsets.UTF_8)),
                        new RequestCallback() {
                            @Override
                            public void onSuccess(Message message) {
                                async.complete(new String(message.getBody(), StandardCharsets.UTF_8));
                            }

                            @Override
                            public void onException(Throwable e) {
                                async.completeExceptionally(e);
                            }
                        }, 5000);
                assertThat(async.get(10, TimeUnit.SECONDS)).isEqualTo("answer to async");
                // the requester may hold the last reply before the responder's send call has returned
                await().atMost(Duration.ofSeconds(5)).until(() -> replySends.size() >= 22);
                assertThat(replySends).allSatisfy(r -> assertThat(r.getSendStatus()).isEqualTo(SendStatus.SEND_OK));
            } finally {
                requester.shutdown();
                responder.shutdown();
                responderProducer.shutdown();
            }
        }
    }
}
