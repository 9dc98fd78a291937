package io.tidemq.remoting.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server's decoder leaves request bodies in the read buffer: a view reads them without a copy, settling the
 * request gives the buffer back, and a body nobody viewed is still there as an array afterwards. Responses are
 * copied as before.
 */
class KeptRequestBodyTest {

    private static ByteBuf frame(RemotingCommand cmd) {
        return RemotingFrames.encode(cmd, PooledByteBufAllocator.DEFAULT);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aViewedBodyIsReadInPlaceAndTheBufferGoesBackWhenSettled() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1 << 20, null, true));
        ByteBuf in = frame(RemotingCommand.createRequest(310).setOpaque(1).setBody(bytes("first body")));
        ch.writeInbound(in.retain());
        RemotingCommand cmd = ch.readInbound();
        assertThat(in.refCnt()).as("held by the request").isEqualTo(2);
        ByteBuffer view = cmd.bodyView();
        assertThat(view.isDirect()).isTrue();
        byte[] seen = new byte[view.remaining()];
        view.get(seen);
        assertThat(seen).isEqualTo(bytes("first body"));
        assertThat(cmd.bodyLength()).isEqualTo(10);
        cmd.settleInboundBody();
        assertThat(in.refCnt()).as("given back").isEqualTo(1);
        cmd.settleInboundBody();
        assertThat(in.refCnt()).as("only once").isEqualTo(1);
        in.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aBodyNobodyViewedIsCopiedOutWhenSettledAndAnArrayOnDemandReleasesAtOnce() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1 << 20, null, true));
        ByteBuf in = frame(RemotingCommand.createRequest(310).setOpaque(2).setBody(bytes("late reader")));
        ch.writeInbound(in.retain());
        RemotingCommand late = ch.readInbound();
        late.settleInboundBody();
        assertThat(in.refCnt()).isEqualTo(1);
        in.release();
        assertThat(late.getBody()).isEqualTo(bytes("late reader"));

        ByteBuf in2 = frame(RemotingCommand.createRequest(310).setOpaque(3).setBody(bytes("asked early")));
        ch.writeInbound(in2.retain());
        RemotingCommand early = ch.readInbound();
        assertThat(early.getBody()).isEqualTo(bytes("asked early"));
        assertThat(in2.refCnt()).as("the copy gave the buffer back").isEqualTo(1);
        early.settleInboundBody();
        assertThat(early.getBody()).isEqualTo(bytes("asked early"));
        in2.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void responsesAndClientsCopyAsBefore() {
        EmbeddedChannel server = new EmbeddedChannel(new FrameDecoder(1 << 20, null, true));
        ByteBuf response = frame(RemotingCommand.createResponse(0, null).setOpaque(4).setBody(bytes("answer")));
        server.writeInbound(response.retain());
        RemotingCommand r = server.readInbound();
        assertThat(response.refCnt()).isEqualTo(1);
        assertThat(r.getBody()).isEqualTo(bytes("answer"));
        response.release();

        EmbeddedChannel client = new EmbeddedChannel(new FrameDecoder(1 << 20));
        ByteBuf request = frame(RemotingCommand.createRequest(39).setOpaque(5).setBody(bytes("check")));
        client.writeInbound(request.retain());
        RemotingCommand q = client.readInbound();
        assertThat(request.refCnt()).isEqualTo(1);
        assertThat(q.getBody()).isEqualTo(bytes("check"));
        request.release();
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }
}
