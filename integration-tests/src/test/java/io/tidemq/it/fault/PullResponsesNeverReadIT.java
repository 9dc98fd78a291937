package io.tidemq.it.fault;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.tidemq.common.protocol.RequestCode;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.common.protocol.header.PullMessageRequestHeader;
import io.tidemq.it.support.BrokerMemory;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.FaultReport;
import io.tidemq.it.support.Ports;
import io.tidemq.it.support.TideBrokerProcess;
import io.tidemq.it.support.TideNamesrv;
import io.tidemq.remoting.netty.RemotingFrames;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client sends pull requests as fast as it can and never reads a byte of the answers (each about 200 KiB of
 * messages). The broker must stop taking its requests once the unread answers pass writeBufferHighWaterMark, rather
 * than queue answers without end, while it goes on serving everyone else. Memory is sampled throughout and reported
 * (the "abuse:" line).
 */
class PullResponsesNeverReadIT {
    private static final String TOPIC = "NEVER_READ_TOPIC";
    private static final int ATTEMPTED = 200_000;

    @TempDir
    Path dir;

    @Test
    void theBrokerStopsReadingAClientThatNeverReadsAndServesTheOthers() throws Exception {
        int metricsPort = Ports.free("127.0.0.1");
        try (TideNamesrv ns = new TideNamesrv(dir.resolve("ns"));
             TideBrokerProcess broker = new TideBrokerProcess("127.0.0.1", ns.address(), dir.resolve("b"),
                     Map.of("brokerName", "broker-slow", "metricsPort", String.valueOf(metricsPort))).start()) {
            DefaultMQAdminExt admin = Clients.admin(ns.address());
            admin.start();
            DefaultMQProducer producer = Clients.producer("PG_NEVER_READ", ns.address());
            producer.start();
            NioEventLoopGroup group = new NioEventLoopGroup(1);
            try {
                admin.createAndUpdateTopicConfig(broker.address(), new TopicConfig(TOPIC, 1, 1, 6));
                byte[] body = new byte[64 * 1024];
                for (int i = 0; i < 40; i++) {
                    new java.util.Random(i).nextBytes(body); // random: the producer's compression cannot shrink it
                    assertThat(producer.send(new Message(TOPIC, body)).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                }
                RemotingCommand probe = readingClient(group, broker.address()).get(10, TimeUnit.SECONDS);
                assertThat(probe.getCode()).as("the pull is a real one").isEqualTo(ResponseCode.SUCCESS);
                assertThat(probe.getBody().length).as("answer size").isGreaterThan(150 * 1024);

                BrokerMemory memory = new BrokerMemory(broker.pid(), metricsPort);
                memory.start();
                Channel slow = neverReading(group, broker.address());
                long written = writeUntilStalled(slow, 20_000);
                try {
                    assertThat(broker.isAlive()).isTrue();
                    assertThat(otherConsumerPulls(ns.address())).as("another consumer is served meanwhile")
                            .isEqualTo(PullStatus.FOUND);
                } finally {
                    slow.close().syncUninterruptibly();
                    memory.stop();
                }
                System.out.printf("abuse: a client wrote %d of %d pull requests (about 200 KiB of answer each) and "
                                + "read none; peak RSS %d MiB (anon %d MiB), peak heap used %d MiB, peak direct %d MiB%n",
                        written, ATTEMPTED, memory.peakRssMiB(), memory.peakAnonMiB(), memory.peakHeapMiB(),
                        memory.peakDirectMiB());
                // without the backpressure: 80,301 taken in 20 s and 204 MiB of the 256 MiB heap in use
                assertThat(written).as("requests the broker let in before it stopped reading").isLessThan(ATTEMPTED / 5);
                assertThat(memory.peakHeapMiB()).as("peak heap, MiB").isLessThan(128);
                assertThat(otherConsumerPulls(ns.address())).isEqualTo(PullStatus.FOUND);
                FaultReport.record("a client sends pulls as fast as it can and never reads the answers (about 200 KiB "
                                + "each)", PullResponsesNeverReadIT.class, "the broker stopped reading it after "
                                + written + " of " + ATTEMPTED + " requests; another consumer was served meanwhile",
                        0, "-", "-", memory.peaks());
            } finally {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
                producer.shutdown();
                admin.shutdown();
            }
        }
    }

    private static RemotingCommand pull() {
        PullMessageRequestHeader h = new PullMessageRequestHeader();
        h.consumerGroup = "CG_NEVER_READ";
        h.topic = TOPIC;
        h.queueId = 0;
        h.queueOffset = 0L;
        h.maxMsgNums = 32;
        h.sysFlag = 1 << 2; // the subscription travels with the request: no heartbeat needed
        h.commitOffset = 0L;
        h.suspendTimeoutMillis = 0L;
        h.subscription = "*";
        h.subVersion = 0L;
        h.expressionType = "TAG";
        return RemotingCommand.createRequest(RequestCode.PULL_MESSAGE, h);
    }

    private static ByteBuf frame(RemotingCommand cmd) {
        return RemotingFrames.encode(cmd, UnpooledByteBufAllocator.DEFAULT);
    }

    /** One pull on a connection that reads, to show what each of the unread answers would be. */
    private static CompletableFuture<RemotingCommand> readingClient(NioEventLoopGroup group, String address)
            throws InterruptedException {
        CompletableFuture<RemotingCommand> answer = new CompletableFuture<>();
        Channel ch = connect(group, address, true, new SimpleChannelInboundHandler<ByteBuf>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf f) throws Exception {
                answer.complete(RemotingFrames.decode(f));
                ctx.close();
            }
        });
        ch.writeAndFlush(frame(pull()));
        return answer;
    }

    private static Channel neverReading(NioEventLoopGroup group, String address) throws InterruptedException {
        return connect(group, address, false, null);
    }

    private static Channel connect(NioEventLoopGroup group, String address, boolean read,
                                   SimpleChannelInboundHandler<ByteBuf> handler) throws InterruptedException {
        String host = address.substring(0, address.indexOf(':'));
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, read)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (handler != null) {
                            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(16 << 20, 0, 4, 0, 4), handler);
                        }
                    }
                });
        if (!read) {
            b.option(ChannelOption.SO_RCVBUF, 4096);
        }
        return b.connect(host, port).sync().channel();
    }

    /**
     * Writes pull requests whenever the connection takes them, until {@link #ATTEMPTED} or until it has taken none
     * for a second (the broker no longer reads) or {@code maxMillis} passed; returns how many reached the network.
     */
    private static long writeUntilStalled(Channel ch, long maxMillis) throws InterruptedException {
        AtomicLong written = new AtomicLong();
        byte[] request = new byte[frame(pull()).readableBytes()];
        frame(pull()).readBytes(request);
        long end = System.currentTimeMillis() + maxMillis;
        long lastProgress = System.currentTimeMillis();
        int queued = 0;
        while (queued < ATTEMPTED && System.currentTimeMillis() < end) {
            if (ch.isWritable()) {
                ch.write(UnpooledByteBufAllocator.DEFAULT.buffer(request.length).writeBytes(request))
                        .addListener(f -> {
                            if (f.isSuccess()) {
                                written.incrementAndGet();
                            }
                        });
                if (++queued % 256 == 0) {
                    ch.flush();
                }
                continue;
            }
            ch.flush();
            long before = written.get();
            Thread.sleep(50);
            if (written.get() != before) {
                lastProgress = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastProgress > 1000) {
                break;
            }
        }
        ch.flush();
        Thread.sleep(500);
        return written.get();
    }

    private static PullStatus otherConsumerPulls(String namesrv) throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("CG_NEVER_READ_OTHER");
        consumer.setNamesrvAddr(namesrv);
        consumer.setInstanceName("other-" + System.nanoTime());
        consumer.start();
        try {
            PullResult r = consumer.pull(new MessageQueue(TOPIC, "broker-slow", 0), "*", 0, 8);
            return r.getPullStatus();
        } finally {
            consumer.shutdown();
        }
    }
}
