package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/** Creating and removing the store's folders and files on disk. */
final class StoreFiles {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFiles.class);

    private StoreFiles() {
    }

    /** Removes every folder and file of the store below {@code root} (after its services were closed). */
    static void deleteAll(MessageStoreConfig config, File root) {
        deleteRecursively(new File(config.commitLogDir()));
        deleteRecursively(new File(config.consumeQueueDir()));
        deleteRecursively(new File(config.indexDir()));
        for (File f : new File[]{new File(config.checkpointFile()), new File(config.abortFile()),
            new File(root, "lock"), new File(root, "truncating")}) {
            if (!f.delete() && f.exists()) {
                LOG.warn("cannot delete {}", f);
            }
        }
    }

    static void createParent(File f) throws IOException {
        File parent = f.getAbsoluteFile().getParentFile();
        if (parent != null) {
            Files.createDirectories(parent.toPath());
        }
    }

    private static void deleteRecursively(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteRecursively(c);
            }
        }
        if (f.exists() && !f.delete()) {
            LOG.warn("cannot delete {}", f);
        }
    }

    /** After a clean shutdown: the next start needs no crash recovery. */
    static void removeAbortMarker(MessageStoreConfig config) {
        try {
            Files.deleteIfExists(new File(config.abortFile()).toPath());
        } catch (IOException e) {
            LOG.warn("cannot remove the abort marker: {}", e.toString());
        }
    }
}
