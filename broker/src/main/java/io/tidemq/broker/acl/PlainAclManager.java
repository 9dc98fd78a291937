package io.tidemq.broker.acl;

import io.tidemq.common.DataVersion;
import io.tidemq.remoting.protocol.RemotingCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker's plain ACL (aclEnable): loads the ACL files into an {@link AclTable}, checks requests against it,
 * reloads when a file changes (polled, as Apache does), and applies the ACL admin requests to the files. A file
 * that does not load at start stops the broker; one that stops loading later is logged and the last good table
 * stays in force. Edits are serialised and all-or-nothing. Thread-safe.
 */
public final class PlainAclManager {
    private static final Logger LOG = LoggerFactory.getLogger(PlainAclManager.class);

    private final PlainAclFiles files;
    private volatile AclTable table = AclTable.EMPTY;
    private volatile Map<Path, DataVersion> versions = Map.of();
    private volatile String fingerprint = "";

    private PlainAclManager(PlainAclFiles files) {
        this.files = files;
    }

    /** Loads the installation's ACL files; throws {@link AclException} when there is none or one is not valid. */
    public static PlainAclManager open(String rocketmqHome) {
        return open(PlainAclFiles.of(rocketmqHome));
    }

    static PlainAclManager open(PlainAclFiles files) {
        PlainAclManager m = new PlainAclManager(files);
        List<Path> present = files.present();
        if (present.isEmpty()) {
            throw new AclException("aclEnable=true but there is no ACL file: neither " + files.mainFile
                    + " nor any .yml file under " + files.aclDir + " (set -D" + PlainAclFiles.PLAIN_FILE_PROPERTY
                    + " to name another)");
        }
        m.load(present, fingerprint(present));
        return m;
    }

    /** Lets the request through or throws {@link AclException} saying what is missing. */
    public void check(String remoteAddr, RemotingCommand request) {
        table.check(RemoteAddressPattern.hostOf(remoteAddr), request);
    }

    /** Reloads when a file was added, removed or changed since the last load; called every half second. */
    public void reloadIfChanged() {
        List<Path> present = files.present();
        String now = fingerprint(present);
        if (now.equals(fingerprint)) {
            return;
        }
        try {
            synchronized (this) {
                load(present, now);
            }
            LOG.info("ACL files changed: reloaded, {} accounts, {} global whitelist entries", table.accounts.size(),
                    table.globalWhiteRemoteAddresses.size());
        } catch (AclException | java.io.UncheckedIOException e) {
            fingerprint = now; // report once per change, not every poll
            LOG.error("ACL files changed but do not load; the previous ACL stays in force: {}", e.getMessage());
        }
    }

    /** Reads {@code present} into a new table; {@code print} is their fingerprint, taken before reading. */
    private void load(List<Path> present, String print) {
        List<RemoteAddressPattern> global = new ArrayList<>();
        Map<String, Account> accounts = new HashMap<>();
        Map<String, Path> fileOf = new HashMap<>();
        Map<Path, DataVersion> loadedVersions = new LinkedHashMap<>();
        for (Path file : present) {
            Map<String, Object> content = PlainAclFiles.read(file);
            for (String p : PlainAclFiles.globalWhiteRemoteAddresses(content, file)) {
                global.add(inFile(file, () -> RemoteAddressPattern.parse(p)));
            }
            for (AclAccount a : PlainAclFiles.accounts(content, file)) {
                Account account = inFile(file, () -> Account.of(a));
                if (accounts.putIfAbsent(account.accessKey, account) != null) {
                    LOG.warn("accessKey {} is defined again in {}; the first definition ({}) is used",
                            account.accessKey, file, fileOf.get(account.accessKey));
                } else {
                    fileOf.put(account.accessKey, file);
                }
            }
            loadedVersions.put(file, PlainAclFiles.dataVersion(content));
        }
        table = new AclTable(global, accounts, fileOf);
        versions = loadedVersions;
        fingerprint = print;
    }

    /**
     * UPDATE_AND_CREATE_ACL_CONFIG: changes the account in the file that holds it, or adds it to the main file, with
     * Apache's merge rules (a null field keeps its value, {@code admin} is always set).
     */
    public synchronized void updateAccount(AclAccount update) {
        Account.checkKeys(update);
        Account.checkPermEntries(update.topicPerms, false);
        Account.checkPermEntries(update.groupPerms, true);
        RemoteAddressPattern.parse(update.whiteRemoteAddress);
        Path file = table.fileOfAccount.getOrDefault(update.accessKey, files.mainFile);
        LinkedHashMap<String, Object> content = Files.exists(file) ? PlainAclFiles.read(file) : new LinkedHashMap<>();
        List<Object> accounts = accountList(content, file);
        LinkedHashMap<String, Object> merged = null;
        for (Object o : accounts) {
            if (o instanceof Map<?, ?> m && update.accessKey.equals(String.valueOf(m.get("accessKey")))) {
                @SuppressWarnings("unchecked")
                LinkedHashMap<String, Object> existing = (LinkedHashMap<String, Object>) m;
                merged = existing;
                break;
            }
        }
        if (merged == null) {
            merged = new LinkedHashMap<>();
            accounts.add(merged);
        }
        merge(merged, update);
        Account.of(PlainAclFiles.accounts(Map.of(PlainAclFiles.ACCOUNTS, List.of(merged)), file).get(0));
        content.put(PlainAclFiles.ACCOUNTS, accounts);
        writeAndReload(file, content);
    }

    /** DELETE_ACL_CONFIG: removes the account from its file; false when no file holds it. */
    public synchronized boolean deleteAccount(String accessKey) {
        Path file = accessKey == null ? null : table.fileOfAccount.get(accessKey);
        if (file == null) {
            return false;
        }
        LinkedHashMap<String, Object> content = PlainAclFiles.read(file);
        List<Object> accounts = accountList(content, file);
        boolean removed = false;
        for (Iterator<Object> it = accounts.iterator(); it.hasNext(); ) {
            if (it.next() instanceof Map<?, ?> m && accessKey.equals(String.valueOf(m.get("accessKey")))) {
                it.remove();
                removed = true;
            }
        }
        if (removed) {
            content.put(PlainAclFiles.ACCOUNTS, accounts);
            writeAndReload(file, content);
        }
        return removed;
    }

    /** UPDATE_GLOBAL_WHITE_ADDRS_CONFIG: replaces the main file's global whitelist. */
    public synchronized void updateGlobalWhiteRemoteAddresses(List<String> patterns) {
        for (String p : patterns) {
            RemoteAddressPattern.parse(p);
        }
        Path file = files.mainFile;
        LinkedHashMap<String, Object> content = Files.exists(file) ? PlainAclFiles.read(file) : new LinkedHashMap<>();
        content.put(PlainAclFiles.GLOBAL_WHITE, new ArrayList<>(patterns));
        writeAndReload(file, content);
    }

    /** Every account of every file (first definition of a key) and every global whitelist entry, as written. */
    public synchronized AclSnapshot snapshot() {
        List<String> global = new ArrayList<>();
        List<AclAccount> accounts = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Path file : files.present()) {
            Map<String, Object> content = PlainAclFiles.read(file);
            global.addAll(PlainAclFiles.globalWhiteRemoteAddresses(content, file));
            for (AclAccount a : PlainAclFiles.accounts(content, file)) {
                if (seen.add(a.accessKey)) {
                    accounts.add(a);
                }
            }
        }
        return new AclSnapshot(global, accounts);
    }

    /** The ACL as the admin tools read it (the body of GET_BROKER_CLUSTER_ACL_CONFIG). */
    public static final class AclSnapshot {
        public final List<String> globalWhiteAddrs;
        public final List<AclAccount> plainAccessConfigs;

        AclSnapshot(List<String> globalWhiteAddrs, List<AclAccount> plainAccessConfigs) {
            this.globalWhiteAddrs = List.copyOf(globalWhiteAddrs);
            this.plainAccessConfigs = List.copyOf(plainAccessConfigs);
        }
    }

    /** The data version of each loaded file, by absolute path. */
    public Map<String, DataVersion> versions() {
        Map<String, DataVersion> out = new LinkedHashMap<>();
        versions.forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }

    /** The main file's data version (what 4.9 tools show as the ACL's version). */
    public DataVersion mainVersion() {
        return versions.getOrDefault(files.mainFile, new DataVersion(0, 0));
    }

    private void writeAndReload(Path file, LinkedHashMap<String, Object> content) {
        PlainAclFiles.writeWithNextVersion(file, content);
        List<Path> present = files.present();
        load(present, fingerprint(present));
    }

    private static List<Object> accountList(Map<String, Object> content, Path file) {
        Object v = content.get(PlainAclFiles.ACCOUNTS);
        if (v == null) {
            return new ArrayList<>();
        }
        if (!(v instanceof List<?> list)) {
            throw new AclException("ACL file " + file + ": accounts must be a list");
        }
        return new ArrayList<>(list);
    }

    private static void merge(LinkedHashMap<String, Object> target, AclAccount u) {
        target.put("accessKey", u.accessKey);
        if (u.secretKey != null && !u.secretKey.isEmpty()) {
            target.put("secretKey", u.secretKey);
        }
        if (u.whiteRemoteAddress != null) {
            target.put("whiteRemoteAddress", u.whiteRemoteAddress);
        }
        target.put("admin", u.admin);
        if (u.defaultTopicPerm != null && !u.defaultTopicPerm.isEmpty()) {
            target.put("defaultTopicPerm", u.defaultTopicPerm);
        }
        if (u.defaultGroupPerm != null && !u.defaultGroupPerm.isEmpty()) {
            target.put("defaultGroupPerm", u.defaultGroupPerm);
        }
        if (u.topicPerms != null) {
            target.put("topicPerms", new ArrayList<>(u.topicPerms));
        }
        if (u.groupPerms != null) {
            target.put("groupPerms", new ArrayList<>(u.groupPerms));
        }
    }

    private static <T> T inFile(Path file, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (AclException e) {
            throw new AclException("ACL file " + file + ": " + e.getMessage());
        }
    }

    /** Names, sizes and content digests of the files: any edit, addition or removal changes it. */
    private static String fingerprint(List<Path> present) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path p : present) {
                digest.update(p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try {
                    digest.update(Files.readAllBytes(p));
                } catch (IOException e) {
                    digest.update((byte) 0);
                }
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PlainAclManager[" + files.mainFile + ", " + table.accounts.size() + " accounts]";
    }
}
