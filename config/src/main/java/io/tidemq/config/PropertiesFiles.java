package io.tidemq.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Reads a server's {@code -c} properties file. */
public final class PropertiesFiles {
    private PropertiesFiles() {
    }

    /**
     * The file's entries, decoded as UTF-8, or as ISO-8859-1 (what Apache RocketMQ always uses) when the bytes are
     * not valid UTF-8: files written in a legacy encoding (GBK comments are common in Chinese deployments) must
     * load as they do on Apache instead of failing.
     */
    public static Properties load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        Properties props = new Properties();
        props.load(new StringReader(text));
        return props;
    }

    /** Parses {@code key=value} text (an UPDATE_*_CONFIG body). */
    public static Properties parse(String text) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(text));
        return props;
    }
}
