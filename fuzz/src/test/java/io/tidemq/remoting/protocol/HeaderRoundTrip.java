package io.tidemq.remoting.protocol;

import io.tidemq.remoting.exception.RemotingCommandException;

import io.tidemq.fuzz.Printable;

import java.util.Arrays;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the header fuzz tests require of a decoder given arbitrary bytes: the header either decodes or is refused
 * with a {@link RemotingCommandException} (never another exception, which would mean an unchecked path the server
 * only survives because the frame decoder catches everything), and a decoded header encodes back to one that
 * decodes the same.
 */
final class HeaderRoundTrip {
    private HeaderRoundTrip() {
    }

    static void check(SerializeType type, byte[] input) {
        RemotingCommand cmd;
        try {
            cmd = HeaderSerializer.decode(type, input, 0, input.length);
        } catch (RemotingCommandException refused) {
            return;
        }
        cmd.setSerializeType(type);
        HeaderWriter w = new HeaderWriter(256);
        HeaderSerializer.encode(cmd, w);
        RemotingCommand again;
        try {
            again = HeaderSerializer.decode(type, Arrays.copyOf(w.array(), w.size()), 0, w.size());
        } catch (RemotingCommandException e) {
            throw new AssertionError("our own encoding of an accepted header is refused: " + e.getMessage(), e);
        }
        again.setSerializeType(type);
        assertThat(describe(again)).isEqualTo(describe(cmd));
    }

    private static String describe(RemotingCommand c) {
        return Printable.of("code=" + c.getCode() + " lang=" + c.getLanguage() + " version=" + c.getVersion() + " opaque="
                + c.getOpaque() + " flag=" + c.getFlag() + " remark=" + c.getRemark()
                + " ext=" + (c.getExtFields() == null ? null : new TreeMap<>(c.getExtFields())));
    }
}
