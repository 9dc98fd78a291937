package io.tidemq.store;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.Random;

/** Simulated crash damage to CommitLog files of a closed store. */
final class Damage {
    private Damage() {
    }

    static File fileAt(MessageStoreConfig config, long offset) {
        int size = config.getMappedFileSizeCommitLog();
        return new File(config.commitLogDir(), MappedFile.fileName(offset - offset % size));
    }

    /** Cuts the file holding {@code offset} there and deletes every later file (a torn, shorter file). */
    static void truncateAt(MessageStoreConfig config, long offset) throws IOException {
        File f = fileAt(config, offset);
        try (RandomAccessFile raf = new RandomAccessFile(f, "rw")) {
            raf.setLength(offset % config.getMappedFileSizeCommitLog());
        }
        deleteFilesAfter(config, offset);
    }

    /** Zeroes from {@code offset} to the end of its file and deletes every later file. */
    static void zeroFrom(MessageStoreConfig config, long offset) throws IOException {
        int size = config.getMappedFileSizeCommitLog();
        try (RandomAccessFile raf = new RandomAccessFile(fileAt(config, offset), "rw")) {
            raf.seek(offset % size);
            raf.write(new byte[(int) (size - offset % size)]);
        }
        deleteFilesAfter(config, offset);
    }

    /** Writes {@code len} random bytes from {@code offset} (within its file); later files stay as they are. */
    static void garbage(MessageStoreConfig config, long offset, int len, Random random) throws IOException {
        int size = config.getMappedFileSizeCommitLog();
        int n = (int) Math.min(len, size - offset % size);
        byte[] junk = new byte[n];
        random.nextBytes(junk);
        try (RandomAccessFile raf = new RandomAccessFile(fileAt(config, offset), "rw")) {
            raf.seek(offset % size);
            raf.write(junk);
        }
    }

    /** Flips every bit of one byte. */
    static void flip(MessageStoreConfig config, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(fileAt(config, offset), "rw")) {
            raf.seek(offset % config.getMappedFileSizeCommitLog());
            int b = raf.read();
            raf.seek(offset % config.getMappedFileSizeCommitLog());
            raf.write(~b);
        }
    }

    static byte readByte(MessageStoreConfig config, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(fileAt(config, offset), "r")) {
            raf.seek(offset % config.getMappedFileSizeCommitLog());
            return (byte) raf.read();
        }
    }

    private static void deleteFilesAfter(MessageStoreConfig config, long offset) {
        File[] files = new File(config.commitLogDir()).listFiles();
        long start = offset - offset % config.getMappedFileSizeCommitLog();
        if (files != null) {
            for (File f : files) {
                if (f.getName().length() == 20 && Long.parseLong(f.getName()) > start && !f.delete()) {
                    throw new IllegalStateException("cannot delete " + f);
                }
            }
        }
    }
}
