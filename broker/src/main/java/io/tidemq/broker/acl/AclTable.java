package io.tidemq.broker.acl;

import io.tidemq.remoting.protocol.RemotingCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The ACL in force: the global address whitelist and the accounts of every ACL file, with the file each account
 * came from. Immutable; a reload replaces the whole table, so a check sees one version of the files.
 */
final class AclTable {
    static final AclTable EMPTY = new AclTable(List.of(), Map.of(), Map.of());

    final List<RemoteAddressPattern> globalWhiteRemoteAddresses;
    final Map<String, Account> accounts;
    final Map<String, Path> fileOfAccount;

    AclTable(List<RemoteAddressPattern> globalWhiteRemoteAddresses, Map<String, Account> accounts,
             Map<String, Path> fileOfAccount) {
        this.globalWhiteRemoteAddresses = List.copyOf(globalWhiteRemoteAddresses);
        this.accounts = Map.copyOf(accounts);
        this.fileOfAccount = Map.copyOf(fileOfAccount);
    }

    /**
     * Lets the request through or throws {@link AclException} with the reason, in Apache's order: a globally
     * whitelisted address passes; otherwise the access key must be known; an address on the account's own whitelist
     * passes unsigned; otherwise the signature must match and the account must hold every permission needed.
     */
    void check(String remoteHost, RemotingCommand request) {
        for (RemoteAddressPattern p : globalWhiteRemoteAddresses) {
            if (p.matches(remoteHost)) {
                return;
            }
        }
        Map<String, String> fields = request.getExtFields();
        String accessKey = fields == null ? null : fields.get(AccessSignature.ACCESS_KEY);
        if (accessKey == null) {
            throw new AclException("No accessKey is configured");
        }
        Account account = accounts.get(accessKey);
        if (account == null) {
            throw new AclException("No acl config for " + accessKey);
        }
        if (account.whiteRemoteAddress.matches(remoteHost)) {
            return;
        }
        if (!AccessSignature.verify(fields, request.getBody(), account.secretKey,
                fields.get(AccessSignature.SIGNATURE))) {
            throw new AclException("Check signature failed for accessKey=" + accessKey);
        }
        RequiredAccess needed = RequiredAccess.of(request);
        if (needed.admin && !account.admin) {
            throw new AclException("Need admin permission for request code=" + request.getCode() + ", but accessKey="
                    + accessKey + " is not");
        }
        if (account.resourcePerms == null && account.admin) {
            return;
        }
        for (Map.Entry<String, Byte> e : needed.resources.entrySet()) {
            String resource = e.getKey();
            boolean group = resource.startsWith(Account.RETRY_PREFIX);
            Byte listed = account.resourcePerms == null ? null : account.resourcePerms.get(resource);
            byte owned = listed != null ? listed : group ? account.defaultGroupPerm : account.defaultTopicPerm;
            if (!AclPermission.allows(e.getValue(), owned)) {
                // Apache's words (it says "default" for listed resources too), then what was missing
                throw new AclException("No default permission for "
                        + (group ? "group:" + resource.substring(Account.RETRY_PREFIX.length()) : "topic:" + resource)
                        + " (accessKey=" + accessKey + " needs " + AclPermission.toText(e.getValue()) + " and holds "
                        + AclPermission.toText(owned) + (listed == null ? " by default)" : ")"));
            }
        }
    }
}
