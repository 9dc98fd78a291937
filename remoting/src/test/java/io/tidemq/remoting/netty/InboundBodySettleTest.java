package io.tidemq.remoting.netty;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tidemq.remoting.RemoteChannel;
import io.tidemq.remoting.RequestProcessor;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every way a request leaves the dispatcher gives the transport's buffer holding its body back exactly once:
 * processed inline or on an executor, refused (unknown code, busy processor, full executor), or thrown at.
 */
class InboundBodySettleTest {
    private final RequestDispatcher dispatcher = new RequestDispatcher();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final AtomicInteger released = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownNow();
        channel.finishAndReleaseAll();
    }

    private RemotingCommand received(int code, String body) {
        RemotingCommand cmd = RemotingCommand.createRequest(code);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        cmd.setInboundBody(direct, released::incrementAndGet);
        return cmd;
    }

    private static RequestProcessor processor(java.util.function.Function<RemotingCommand, RemotingCommand> f,
                                              boolean inline, boolean busy) {
        return new RequestProcessor() {
            @Override
            public RemotingCommand process(RemoteChannel ch, RemotingCommand request) {
                return f.apply(request);
            }

            @Override
            public boolean rejectRequest() {
                return busy;
            }

            @Override
            public boolean runsInlineWhenIdle() {
                return inline;
            }
        };
    }

    private static String viewed(RemotingCommand request) {
        ByteBuffer v = request.bodyView();
        byte[] b = new byte[v.remaining()];
        v.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void aViewTakenInlineOrOnAnExecutorIsReleasedOnceWhenTheProcessorReturns() {
        AtomicReference<String> seen = new AtomicReference<>();
        dispatcher.register(1, processor(r -> {
            seen.set(viewed(r));
            return RemotingCommand.createResponse(0, null);
        }, true, false), executor);
        dispatcher.dispatch(channel, received(1, "inline"));
        assertThat(seen.get()).isEqualTo("inline");
        assertThat(released.get()).isEqualTo(1);

        dispatcher.register(2, processor(r -> {
            seen.set(viewed(r));
            return RemotingCommand.createResponse(0, null);
        }, false, false), executor);
        dispatcher.dispatch(channel, received(2, "queued"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> released.get() == 2);
        assertThat(seen.get()).isEqualTo("queued");
    }

    @Test
    void aBodyNobodyViewedIsStillReadableAfterTheRequestIsSettled() throws Exception {
        AtomicReference<RemotingCommand> kept = new AtomicReference<>();
        dispatcher.register(3, processor(r -> {
            kept.set(r);
            return null;
        }, false, false), executor);
        dispatcher.dispatch(channel, received(3, "answered later"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> released.get() == 1);
        assertThat(new String(kept.get().getBody(), StandardCharsets.UTF_8)).isEqualTo("answered later");
        assertThat(released.get()).isEqualTo(1);
    }

    @Test
    void refusedAndFailedRequestsReleaseTheirBodyOnce() {
        dispatcher.dispatch(channel, received(99, "no processor"));
        assertThat(released.get()).isEqualTo(1);

        dispatcher.register(4, processor(r -> null, false, true), executor);
        dispatcher.dispatch(channel, received(4, "busy"));
        assertThat(released.get()).isEqualTo(2);

        dispatcher.register(5, processor(r -> {
            throw new IllegalStateException("boom");
        }, true, false), executor);
        dispatcher.dispatch(channel, received(5, "thrown at"));
        assertThat(released.get()).isEqualTo(3);

        ExecutorService closed = Executors.newSingleThreadExecutor();
        closed.shutdown();
        dispatcher.register(6, processor(r -> null, false, false), closed);
        dispatcher.dispatch(channel, received(6, "executor full"));
        assertThat(released.get()).isEqualTo(4);
    }
}
