package io.tidemq.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small file system of the test's own (a tmpfs, or an ext4 in an image file on a loop device, mounted on a folder
 * of its temp dir and unmounted on close), for a store to fill up; a filler file takes most of its space and is
 * deleted to free it.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;
    /** The ext4 image, deleted on close; null for a tmpfs. */
    private final Path image;

    private SmallDisk(Path mountPoint, Path image) {
        this.mountPoint = mountPoint;
        this.image = image;
    }

    /** True when this machine lets a test mount a tmpfs (root). */
    public static boolean available() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code mountPoint} (created if needed). */
    public static SmallDisk mount(Path mountPoint, int megabytes) throws IOException {
        Files.createDirectories(mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
        return new SmallDisk(mountPoint, null);
    }

    /**
     * Mounts an ext4 of {@code megabytes} (no blocks reserved for root) from an image file beside {@code mountPoint}.
     * Unlike a tmpfs, where even reading a page never written needs a free page, it fails only writes when full, as
     * a disk does.
     */
    public static SmallDisk mountExt4(Path mountPoint, int megabytes) throws IOException {
        Files.createDirectories(mountPoint);
        Path image = mountPoint.resolveSibling(mountPoint.getFileName() + ".img");
        run("truncate", "-s", megabytes + "M", image.toString());
        run("mkfs.ext4", "-q", "-F", "-m", "0", image.toString());
        run("mount", "-o", "loop", image.toString(), mountPoint.toString());
        return new SmallDisk(mountPoint, image);
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
        return 1.0 - (double) store.getUsableSpace() / store.getTotalSpace();
    }

    @Override
    public void close() throws IOException {
        if (image == null) {
            run("umount", "-l", mountPoint.toString());
        } else {
            // not lazily: the loop device is only released once the file system is really gone
            run("umount", mountPoint.toString());
            Files.deleteIfExists(image);
        }
    }

    private static void run(String... cmd) throws IOException {
        Commands.run(List.of(cmd));
    }
}
