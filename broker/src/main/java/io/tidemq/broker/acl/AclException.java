package io.tidemq.broker.acl;

/** A request refused by the ACL, or an ACL file or update that is not valid; the message says which and why. */
public final class AclException extends RuntimeException {
    public AclException(String message) {
        super(message);
    }

    /** Apache's clients and tools see refusals as "AclException: ..." in the response remark. */
    @Override
    public String toString() {
        return "AclException: " + getMessage();
    }
}
