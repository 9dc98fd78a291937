package io.tidemq.broker.acl;

/**
 * The permission bits of plain ACL, with Apache 4.9's values and rules: DENY wins over everything, ANY is satisfied
 * by PUB or SUB, and a text that is not PUB, SUB, PUB|SUB or SUB|PUB means DENY.
 */
public final class AclPermission {
    public static final byte DENY = 1;
    public static final byte ANY = 1 << 1;
    public static final byte PUB = 1 << 2;
    public static final byte SUB = 1 << 3;

    private AclPermission() {
    }

    /** Whether an account holding {@code owned} may do what needs {@code needed}. */
    public static boolean allows(byte needed, byte owned) {
        if ((owned & DENY) != 0) {
            return false;
        }
        if ((needed & ANY) != 0) {
            return (owned & (PUB | SUB)) != 0;
        }
        return (needed & owned) != 0;
    }

    /** The bits of a permission text; null or anything unknown is DENY, as Apache reads it. */
    public static byte parse(String text) {
        if (text == null) {
            return DENY;
        }
        return switch (text.trim()) {
            case "PUB" -> PUB;
            case "SUB" -> SUB;
            case "PUB|SUB", "SUB|PUB" -> (byte) (PUB | SUB);
            default -> DENY;
        };
    }

    /** Whether {@code text} is one of the five permission texts (DENY included). */
    public static boolean isValid(String text) {
        return text != null && ("DENY".equals(text.trim()) || parse(text) != DENY);
    }

    /** The text of a resource's permission in messages. */
    public static String toText(byte perm) {
        if ((perm & DENY) != 0) {
            return "DENY";
        }
        if ((perm & ANY) != 0) {
            return "ANY";
        }
        boolean pub = (perm & PUB) != 0;
        boolean sub = (perm & SUB) != 0;
        return pub && sub ? "PUB|SUB" : pub ? "PUB" : sub ? "SUB" : "DENY";
    }
}
