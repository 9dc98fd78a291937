package io.tidemq.broker.acl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An account ready for checks: its secret, address pattern, role and permission per topic and per retry topic. */
final class Account {
    /** Apache refuses access and secret keys of 6 characters or fewer. */
    static final int MIN_KEY_LENGTH = 7;
    static final String RETRY_PREFIX = "%RETRY%";

    final String accessKey;
    final String secretKey;
    final RemoteAddressPattern whiteRemoteAddress;
    final boolean admin;
    final byte defaultTopicPerm;
    final byte defaultGroupPerm;
    /** Topic name, or RETRY_PREFIX + group, to its permission; null when the account lists none. */
    final Map<String, Byte> resourcePerms;

    private Account(AclAccount a, Map<String, Byte> resourcePerms) {
        this.accessKey = a.accessKey;
        this.secretKey = a.secretKey;
        this.whiteRemoteAddress = RemoteAddressPattern.parse(a.whiteRemoteAddress);
        this.admin = a.admin;
        this.defaultTopicPerm = AclPermission.parse(a.defaultTopicPerm);
        this.defaultGroupPerm = AclPermission.parse(a.defaultGroupPerm);
        this.resourcePerms = resourcePerms;
    }

    /** Checks and compiles an account; throws {@link AclException} saying what is wrong. */
    static Account of(AclAccount a) {
        checkKeys(a);
        Map<String, Byte> perms = new HashMap<>();
        addPerms(perms, a.topicPerms, false);
        addPerms(perms, a.groupPerms, true);
        boolean listed = (a.topicPerms != null && !a.topicPerms.isEmpty())
                || (a.groupPerms != null && !a.groupPerms.isEmpty());
        return new Account(a, listed ? Map.copyOf(perms) : null);
    }

    static void checkKeys(AclAccount a) {
        if (a.accessKey == null || a.accessKey.length() < MIN_KEY_LENGTH) {
            throw new AclException("accessKey '" + (a.accessKey == null ? "" : a.accessKey)
                    + "' must have at least " + MIN_KEY_LENGTH + " characters");
        }
        if (a.secretKey == null || a.secretKey.length() < MIN_KEY_LENGTH) {
            throw new AclException("the secretKey of accessKey " + a.accessKey + " must have at least "
                    + MIN_KEY_LENGTH + " characters");
        }
    }

    /** Entries must read {@code name=PERM}; a PERM other than the five texts is refused. */
    static void checkPermEntries(List<String> entries, boolean groups) {
        if (entries == null) {
            return;
        }
        for (String entry : entries) {
            String[] kv = split(entry, groups);
            if (!AclPermission.isValid(kv[1])) {
                throw new AclException((groups ? "group" : "topic") + " permission '" + entry
                        + "' is not valid: the permission must be DENY, PUB, SUB, PUB|SUB or SUB|PUB");
            }
        }
    }

    private static void addPerms(Map<String, Byte> perms, List<String> entries, boolean groups) {
        if (entries == null) {
            return;
        }
        for (String entry : entries) {
            String[] kv = split(entry, groups);
            perms.put(groups ? RETRY_PREFIX + kv[0] : kv[0], AclPermission.parse(kv[1]));
        }
    }

    private static String[] split(String entry, boolean groups) {
        String[] kv = entry == null ? new String[0] : entry.split("=", -1);
        if (kv.length != 2 || kv[0].isBlank()) {
            throw new AclException((groups ? "group" : "topic") + " permission '" + entry
                    + "' is not valid: expected name=PERM, for example " + (groups ? "groupA=SUB" : "topicA=PUB"));
        }
        return new String[] {kv[0].trim(), kv[1].trim()};
    }
}
