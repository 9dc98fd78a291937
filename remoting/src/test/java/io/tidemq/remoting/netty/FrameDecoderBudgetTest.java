package io.tidemq.remoting.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The frame decoder against a request budget: what it admits, what it refuses unread, and that the stream stays whole. */
class FrameDecoderBudgetTest {
    private static final int KIB = 1024;

    @Test
    void aBigRequestBeyondTheBudgetIsRefusedUnreadAndTheNextFrameStillDecodes() {
        RequestBytesBudget budget = new RequestBytesBudget(1024 * KIB);
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(16 << 20, budget, false));

        ch.writeInbound(frame(request(1, 600 * KIB)));
        RemotingCommand first = ch.readInbound();
        assertThat(first.getOpaque()).isEqualTo(1);
        assertThat(first.getBody()).hasSize(600 * KIB);
        long held = budget.used();
        assertThat(held).isGreaterThan(600 * KIB);

        // the refused frame arrives in pieces; only its header is ever decoded
        ByteBuf second = frame(request(2, 600 * KIB));
        while (second.isReadable()) {
            ch.writeInbound(second.readRetainedSlice(Math.min(7000, second.readableBytes())));
        }
        second.release();
        FrameDecoder.RefusedRequest refused = ch.readInbound();
        assertThat(refused.header().getOpaque()).isEqualTo(2);
        assertThat(refused.header().getBody()).isNull();
        assertThat(refused.reason()).startsWith("[OVERLOAD]").contains("1.0 MiB").contains("0.6 MiB");
        assertThat(budget.used()).as("nothing counted for the refused frame").isEqualTo(held);

        ch.writeInbound(frame(request(3, 10)));
        RemotingCommand third = ch.readInbound();
        assertThat(third.getOpaque()).isEqualTo(3);
        assertThat(third.getBody()).hasSize(10);
        assertThat(ch.isOpen()).isTrue();

        budget.release(first);
        budget.release(first);
        budget.release(third);
        assertThat(budget.used()).as("released once each").isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void smallRequestsAndResponsesAreAdmittedWhateverTheBudgetHolds() {
        RequestBytesBudget budget = new RequestBytesBudget(100 * KIB);
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(16 << 20, budget, false));
        ch.writeInbound(frame(request(1, 90 * KIB)));
        RemotingCommand big = ch.readInbound();
        assertThat(big.getOpaque()).isEqualTo(1);

        ch.writeInbound(frame(request(2, 60 * KIB)));
        assertThat((Object) ch.readInbound()).isInstanceOf(RemotingCommand.class);
        RemotingCommand response = request(3, 200 * KIB).markResponse();
        ch.writeInbound(frame(response));
        RemotingCommand admitted = ch.readInbound();
        assertThat(admitted.isResponse()).isTrue();
        assertThat(admitted.getBody()).hasSize(200 * KIB);
        ch.finishAndReleaseAll();
    }

    @Test
    void aConnectionLostInTheMiddleOfAFrameGivesItsBytesBack() {
        RequestBytesBudget budget = new RequestBytesBudget(1024 * KIB);
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(16 << 20, budget, false));
        ByteBuf f = frame(request(1, 500 * KIB));
        ch.writeInbound(f.readRetainedSlice(100 * KIB));
        assertThat(budget.used()).isGreaterThan(500 * KIB);
        f.release();
        ch.close();
        assertThat(budget.used()).isZero();
    }

    private static RemotingCommand request(int opaque, int bodyBytes) {
        return RemotingCommand.createRequest(310).setOpaque(opaque).setBody(new byte[bodyBytes]);
    }

    private static ByteBuf frame(RemotingCommand cmd) {
        return RemotingFrames.encode(cmd, UnpooledByteBufAllocator.DEFAULT);
    }
}
