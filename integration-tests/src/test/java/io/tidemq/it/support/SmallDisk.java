package io.tidemq.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small file system of the test's own (a tmpfs mounted on a folder of its temp dir, unmounted on close), for a
 * store to fill up; a filler file takes most of its space and is deleted to free it.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;
    private final long bytes;

    private SmallDisk(Path mountPoint, long bytes) {
        this.mountPoint = mountPoint;
        this.bytes = bytes;
    }

    /** True when this machine lets a test mount a tmpfs (root). */
    public static boolean available() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code mountPoint} (created if needed). */
    public static SmallDisk mount(Path mountPoint, int megabytes) throws IOException {
        Files.createDirectories(mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
        return new SmallDisk(mountPoint, megabytes * 1024L * 1024L);
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes a filler file of {@code megabytes} (zeros; a tmpfs keeps every page written). */
    public Path fill(String name, int megabytes) throws IOException {
        Path f = mountPoint.resolve(name);
        byte[] chunk = new byte[1024 * 1024];
        try (var out = Files.newOutputStream(f)) {
            for (int i = 0; i < megabytes; i++) {
                out.write(chunk);
            }
        }
        return f;
    }

    /** Writes a filler file until the file system has no space left (what another program filling it does). */
    public Path fillUp(String name) throws IOException {
        Path f = mountPoint.resolve(name);
        byte[] chunk = new byte[64 * 1024];
        try (var out = Files.newOutputStream(f)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            if (Files.getFileStore(mountPoint).getUsableSpace() > chunk.length) {
                throw e;
            }
        }
        return f;
    }

    /** Share of the file system in use, 0..1. */
    public double usedRatio() throws IOException {
        var store = Files.getFileStore(mountPoint);
        return 1.0 - (double) store.getUsableSpace() / bytes;
    }

    @Override
    public void close() throws IOException {
        run("umount", "-l", mountPoint.toString());
    }

    private static void run(String... cmd) throws IOException {
        Commands.run(List.of(cmd));
    }
}
