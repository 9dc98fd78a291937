package io.tidemq.remoting.netty;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tidemq.fuzz.FuzzCases;
import io.tidemq.fuzz.Printable;
import io.tidemq.remoting.protocol.RemotingCommand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary bytes on a connection: the frame decoder must cut the same commands whatever the TCP segmentation, close
 * the connection on anything malformed instead of throwing, and every command it lets through must survive being
 * encoded and decoded again unchanged (so a peer reading our answer sees what we read).
 */
class FrameDecoderFuzzTest {
    private static final int FRAME_MAX = 64 * 1024;

    @FuzzTest(maxDuration = "20s")
    void sameCommandsWhateverTheSegmentation(FuzzedDataProvider data) {
        FuzzCases.ran("frame decoder");
        int cut = data.consumeInt(0, 1 << 16);
        byte[] input = data.consumeRemainingAsBytes();
        cut = Math.min(cut, input.length);

        Outcome whole = feed(input);
        Outcome split = feed(Arrays.copyOfRange(input, 0, cut), Arrays.copyOfRange(input, cut, input.length));
        assertThat(split.commands).isEqualTo(whole.commands);
        assertThat(split.open).isEqualTo(whole.open);

        for (RemotingCommand cmd : whole.decoded) {
            ByteBuf again = RemotingFrames.encode(cmd, UnpooledByteBufAllocator.DEFAULT);
            byte[] bytes = new byte[again.readableBytes()];
            again.readBytes(bytes);
            again.release();
            Outcome reread = feed(bytes);
            assertThat(reread.open).as("re-encoded %s", describe(cmd)).isTrue();
            assertThat(reread.commands).containsExactly(describe(cmd));
        }
    }

    private static Outcome feed(byte[]... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(FRAME_MAX));
        for (byte[] chunk : chunks) {
            if (ch.isOpen()) {
                ch.writeInbound(Unpooled.wrappedBuffer(chunk));
            }
        }
        Outcome out = new Outcome(ch.isOpen());
        for (Object o; (o = ch.readInbound()) != null; ) {
            RemotingCommand cmd = (RemotingCommand) o;
            out.decoded.add(cmd);
            out.commands.add(describe(cmd));
        }
        ch.finishAndReleaseAll();
        return out;
    }

    /** Everything a command carries, in a form that compares by value. */
    static String describe(RemotingCommand c) {
        return Printable.of("code=" + c.getCode() + " lang=" + c.getLanguage() + " version=" + c.getVersion() + " opaque="
                + c.getOpaque() + " flag=" + c.getFlag() + " remark=" + c.getRemark() + " type="
                + c.getSerializeType() + " ext=" + (c.getExtFields() == null ? null : new TreeMap<>(c.getExtFields()))
                + " body=" + Arrays.toString(c.getBody()));
    }

    private static final class Outcome {
        final boolean open;
        final List<String> commands = new ArrayList<>();
        final List<RemotingCommand> decoded = new ArrayList<>();

        Outcome(boolean open) {
            this.open = open;
        }
    }
}
