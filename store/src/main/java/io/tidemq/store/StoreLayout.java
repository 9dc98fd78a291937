package io.tidemq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.util.Objects;

/**
 * Where the store's files are, checked against where Apache RocketMQ 4.9 would have put them, before a store that
 * Apache may have written is opened in place. Apache ignores the template keys (storePathConsumeQueue,
 * storePathIndex, storeCheckpoint, abortFile) and derives those paths from storePathRootDir, and it defaults
 * storePathCommitLog to {@code ${user.home}/store/commitlog} whatever the root is. TideMQ honours the template keys
 * and derives the CommitLog folder from the root, so a moved-in store could be looked for in the wrong place; this
 * class follows Apache's place where the store plainly lives there, and turns every other such case into a refusal
 * or a warning that names both folders, never into silently empty data.
 */
final class StoreLayout {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLayout.class);

    private final MessageStoreConfig config;
    private final String apacheUserHomeStore;

    StoreLayout(MessageStoreConfig config) {
        this(config, System.getProperty("user.home") + File.separator + "store");
    }

    StoreLayout(MessageStoreConfig config, String apacheUserHomeStore) {
        this.config = config;
        this.apacheUserHomeStore = apacheUserHomeStore;
    }

    /**
     * Follows Apache's default CommitLog place when it is plainly where this store's CommitLog lives: storePathCommitLog
     * is unset, the root's commitlog folder holds nothing, {@code ${user.home}/store/commitlog} holds CommitLog files,
     * and the root holds the rest of a store (a checkpoint or consume queues). That is a store Apache 4.9 ran with the
     * same file, so the same file must open it here. Sets storePathCommitLog and returns true when it does.
     */
    boolean adoptApacheCommitLogLocation() {
        String configured = config.getStorePathCommitLog();
        if (configured != null && !configured.isBlank()) {
            return false;
        }
        File ours = new File(config.commitLogDir());
        File apacheDefault = new File(apacheUserHomeStore, "commitlog");
        File root = new File(config.getStorePathRootDir());
        boolean restOfAStore = new File(root, "checkpoint").isFile() || hasFiles(new File(root, "consumequeue"));
        if (sameFile(ours, apacheDefault) || hasFiles(ours) || !hasFiles(apacheDefault) || !restOfAStore) {
            return false;
        }
        config.setStorePathCommitLog(apacheDefault.getPath());
        LOG.warn("storePathCommitLog is not set and {} is empty, while {} holds the CommitLog of the store under {}: "
                + "Apache RocketMQ 4.9 keeps it there by default, so TideMQ opens it there too (set "
                + "storePathCommitLog={} to say so in the file)", ours, apacheDefault, root, apacheDefault);
        return true;
    }

    /**
     * Refuses to open when storePathCommitLog is unset, the root's commitlog folder holds nothing, and
     * {@code ${user.home}/store/commitlog} holds CommitLog files (Apache's default): opening would start an empty
     * CommitLog beside queues that point into the other one.
     */
    void checkCommitLogLocation() throws IOException {
        String configured = config.getStorePathCommitLog();
        if (configured != null && !configured.isBlank()) {
            return;
        }
        File ours = new File(config.commitLogDir());
        File apacheDefault = new File(apacheUserHomeStore, "commitlog");
        if (sameFile(ours, apacheDefault) || hasFiles(ours) || !hasFiles(apacheDefault)) {
            return;
        }
        throw new IOException("storePathCommitLog is not set, so TideMQ looks for the CommitLog in " + ours
                + ", which is empty; Apache RocketMQ 4.9 then keeps it in " + apacheDefault + " (not under "
                + "storePathRootDir), and that folder holds CommitLog files while " + config.getStorePathRootDir()
                + " holds no other part of a store. Set storePathCommitLog=" + apacheDefault
                + " to open that store, or move the files");
    }

    /** Warns when a template key moves a folder away from where Apache kept it and Apache's folder holds data. */
    void warnAboutTemplatePaths() {
        warnIfMoved("storePathConsumeQueue", config.consumeQueueDir(), "consumequeue",
                "the consume queues will be rebuilt from the CommitLog");
        warnIfMoved("storePathIndex", config.indexDir(), "index", "the index will be rebuilt from the CommitLog");
        warnIfMoved("storeCheckpoint", config.checkpointFile(), "checkpoint",
                "recovery will verify the whole CommitLog");
    }

    /**
     * An abort marker at Apache's place ({@code <root>/abort}) when abortFile points elsewhere: Apache stopped
     * uncleanly, so recovery must treat the store as crashed. Null when there is none or the places coincide.
     */
    File foreignAbortMarker() {
        File apache = new File(config.getStorePathRootDir(), "abort");
        return !sameFile(apache, new File(config.abortFile())) && apache.exists() ? apache : null;
    }

    private void warnIfMoved(String key, String configured, String apacheName, String consequence) {
        File apache = new File(config.getStorePathRootDir(), apacheName);
        File ours = new File(configured);
        if (sameFile(apache, ours) || !hasData(apache) || hasData(ours)) {
            return;
        }
        LOG.warn("{}={} differs from where Apache RocketMQ 4.9 keeps it ({}), which holds data; TideMQ honours {}, "
                + "so {}", key, ours, apache, key, consequence);
    }

    private static boolean hasData(File f) {
        return f.isDirectory() ? hasFiles(f) : f.isFile() && f.length() > 0;
    }

    private static boolean hasFiles(File dir) {
        String[] names = dir.list();
        return names != null && names.length > 0;
    }

    private static boolean sameFile(File a, File b) {
        return Objects.equals(a.getAbsoluteFile().toPath().normalize(), b.getAbsoluteFile().toPath().normalize());
    }
}
