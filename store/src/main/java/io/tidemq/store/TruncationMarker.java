package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The {@code truncating} file in the store root: a cut of the store in progress. It is made durable before the cut
 * touches any file and removed only after the cut and the checkpoint that follows it are saved, so a crash at any
 * point of the cut leaves a store that recovery finishes cutting, instead of one whose checkpoint promises bytes the
 * cut already zeroed (which recovery would rightly refuse as damage).
 */
final class TruncationMarker {
    private static final Logger LOG = LoggerFactory.getLogger(TruncationMarker.class);
    private static final long MAGIC = 0x5449_4445_4355_5421L;
    private static final int SIZE = 24;

    private final Path dir;
    private final Path file;

    TruncationMarker(File root) {
        this.dir = root.toPath();
        this.file = dir.resolve("truncating");
    }

    /** Records, durably, that the store is being cut at {@code offset}. */
    void write(long offset) throws IOException {
        Path tmp = dir.resolve("truncating.tmp");
        ByteBuffer b = ByteBuffer.allocate(SIZE).putLong(MAGIC).putLong(offset).putLong(MAGIC ^ offset).flip();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        // the rename makes the marker appear whole or not at all
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir();
    }

    /** The offset of an unfinished cut, if a crash interrupted one. */
    OptionalLong read() throws IOException {
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length != SIZE || b.getLong(0) != MAGIC || (b.getLong(8) ^ MAGIC) != b.getLong(16)
                || b.getLong(8) < 0) {
            // written only by rename, so this is not ours half-written: someone else's file of that name
            throw new IOException(file + " is not a TideMQ truncation marker (" + bytes.length + " bytes); move it"
                    + " away to open the store");
        }
        return OptionalLong.of(b.getLong(8));
    }

    /** The cut is complete and saved. The removal is synced: a marker coming back would cut replicated data. */
    void clear() throws IOException {
        if (Files.deleteIfExists(file)) {
            syncDir();
            LOG.debug("truncation marker removed");
        }
    }

    private void syncDir() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
