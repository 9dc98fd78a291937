package io.tidemq.filter;

/**
 * How 4.9 orders two values of a selector: integers, longs and doubles are widened to the wider of the two, a
 * string beside a number or a boolean is converted to that type first (with Java's own parsers, so "+5" is an int
 * and " 5 " a double but not an int), and a boolean beside a number is simply "less". Values are String (every
 * property), Integer or Long (decimal literals by range), Double (float literals), Boolean; never null here.
 */
final class Values {
    private Values() {
    }

    /** Negative, zero or positive as {@code left} orders before, with or after {@code right}. */
    static int compare(Object left, Object right) {
        if (left.getClass() == right.getClass()) {
            return sameType(left, right);
        }
        if (left instanceof Boolean) {
            if (right instanceof String) {
                // 4.9 converts the wrong side here and fails with a ClassCastException
                throw new EvaluationError("a boolean cannot be compared with the string '" + right + "'");
            }
            return -1;
        }
        if (left instanceof String s) {
            return sameType(convert(s, right), right);
        }
        if (right instanceof String s) {
            return sameType(left, convert(s, left));
        }
        if (right instanceof Boolean) {
            return -1;
        }
        if (left instanceof Double || right instanceof Double) {
            return Double.compare(((Number) left).doubleValue(), ((Number) right).doubleValue());
        }
        return Long.compare(((Number) left).longValue(), ((Number) right).longValue());
    }

    /** Reads {@code s} as a value of {@code like}'s type. */
    private static Object convert(String s, Object like) {
        try {
            if (like instanceof Integer) {
                return Integer.valueOf(s);
            }
            if (like instanceof Long) {
                return Long.valueOf(s);
            }
            if (like instanceof Double) {
                return Double.valueOf(s);
            }
            if (like instanceof Boolean) {
                return Boolean.valueOf(s);
            }
        } catch (NumberFormatException e) {
            throw new EvaluationError("'" + s + "' is not a number");
        }
        throw new EvaluationError("'" + s + "' cannot be compared with " + like);
    }

    @SuppressWarnings("unchecked")
    private static int sameType(Object left, Object right) {
        if (left instanceof Double l) {
            return Double.compare(l, (Double) right);
        }
        return ((Comparable<Object>) left).compareTo(right);
    }

    /** Reads a property as a double for an ordering of two strings; 4.9 fails on anything else. */
    static double asDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new EvaluationError("'" + s + "' cannot be ordered: only numbers compare with <, <=, > and >=");
        }
    }
}
