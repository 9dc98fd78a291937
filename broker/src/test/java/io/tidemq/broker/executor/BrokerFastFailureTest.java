package io.tidemq.broker.executor;

import io.tidemq.broker.config.BrokerConfig;
import io.tidemq.common.protocol.ResponseCode;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestTask;
import io.tidemq.remoting.protocol.RemotingCommand;
import io.tidemq.store.DefaultMessageStore;
import io.tidemq.store.MessageStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerFastFailureTest {
    @TempDir
    Path dir;

    /** Records what the broker writes back. */
    static final class RecordingChannel implements RemoteChannel {
        final List<RemotingCommand> written = new CopyOnWriteArrayList<>();

        @Override
        public String remoteAddress() {
            return "127.0.0.1:1";
        }

        @Override
        public SocketAddress remoteSocketAddress() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public String localAddress() {
            return "127.0.0.1:2";
        }

        @Override
        public boolean isActive() {
            return true;
        }

        @Override
        public void writeAndForget(RemotingCommand command) {
            written.add(command);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void requestsWaitingTooLongAreAnsweredSystemBusyAndNeverRun() throws Exception {
        BrokerConfig config = new BrokerConfig();
        config.setWaitTimeMillsInSendQueue(50);
        MessageStoreConfig storeConfig = new MessageStoreConfig();
        storeConfig.setStorePathRootDir(dir.toString());
        storeConfig.setMappedFileSizeCommitLog(64 * 1024);
        DefaultMessageStore store = new DefaultMessageStore(storeConfig);
        assertThat(store.load()).isTrue();
        ThreadPoolExecutor send = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100));
        ThreadPoolExecutor other = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100));
        try {
            CountDownLatch blocker = new CountDownLatch(1);
            send.execute(() -> {
                try {
                    blocker.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            RecordingChannel channel = new RecordingChannel();
            AtomicInteger ran = new AtomicInteger();
            for (int i = 0; i < 3; i++) {
                RemotingCommand request = RemotingCommand.createRequest(310).setOpaque(100 + i);
                send.execute(new RequestTask(request, channel, ran::incrementAndGet));
            }
            Thread.sleep(80);
            AtomicInteger refused = new AtomicInteger();
            new BrokerFastFailure(config, store, send, other, other, other, refused::incrementAndGet).clean();
            assertThat(channel.written).hasSize(3);
            assertThat(refused).hasValue(3);
            assertThat(channel.written).allSatisfy(r -> {
                assertThat(r.getCode()).isEqualTo(ResponseCode.SYSTEM_BUSY);
                assertThat(r.getRemark()).startsWith("[TIMEOUT_CLEAN_QUEUE]broker busy");
                assertThat(r.isResponse()).isTrue();
            });
            assertThat(channel.written).extracting(RemotingCommand::getOpaque).containsExactly(100, 101, 102);
            blocker.countDown();
            send.shutdown();
            assertThat(send.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran.get()).isZero();
        } finally {
            send.shutdownNow();
            other.shutdownNow();
            store.shutdown();
        }
    }
}
