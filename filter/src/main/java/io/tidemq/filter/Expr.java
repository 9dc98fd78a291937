package io.tidemq.filter;

import java.util.Set;
import java.util.function.Function;

/**
 * A node of a compiled selector. {@link #eval} answers a value or null ("unknown": a missing property and anything
 * built on one), with 4.9's three-valued logic. "Boolean" nodes are the ones 4.9 accepts where a condition is
 * required; the others (literals, properties, negation) only as operands.
 */
sealed interface Expr {
    Object eval(Function<String, String> properties);

    /** Whether 4.9 would treat the node as a condition (its BooleanExpression). */
    default boolean isBoolean() {
        return false;
    }

    /** A literal: string, int, long, double, or the constants TRUE, FALSE and NULL (which count as conditions). */
    record Literal(Object value, boolean booleanConstant) implements Expr {
        static final Literal TRUE = new Literal(Boolean.TRUE, true);
        static final Literal FALSE = new Literal(Boolean.FALSE, true);
        static final Literal NULL = new Literal(null, true);

        @Override
        public Object eval(Function<String, String> properties) {
            return value;
        }

        @Override
        public boolean isBoolean() {
            return booleanConstant;
        }

        @Override
        public String toString() {
            if (value == null) {
                return "NULL";
            }
            if (value instanceof String s) {
                return "'" + s.replace("'", "''") + "'";
            }
            return value instanceof Boolean b ? (b ? "TRUE" : "FALSE") : value.toString();
        }
    }

    /** A message property, always a string when present. */
    record Property(String name) implements Expr {
        @Override
        public Object eval(Function<String, String> properties) {
            return properties.apply(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Unary minus: numbers change sign, keeping their type; anything else is unknown. */
    record Negate(Expr operand) implements Expr {
        @Override
        public Object eval(Function<String, String> properties) {
            Object v = operand.eval(properties);
            if (v instanceof Integer i) {
                return -i;
            }
            if (v instanceof Long l) {
                return -l;
            }
            return v instanceof Double d ? -d : null;
        }
    }

    /** A property used as a condition: unknown when missing, otherwise false (a property is never a boolean). */
    record AsCondition(Expr operand) implements Expr {
        @Override
        public Object eval(Function<String, String> properties) {
            Object v = operand.eval(properties);
            if (v == null) {
                return null;
            }
            return v instanceof Boolean ? v : Boolean.FALSE;
        }

        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    /** NOT: unknown stays unknown. */
    record Not(Expr operand) implements Expr {
        @Override
        public Object eval(Function<String, String> properties) {
            Object v = operand.eval(properties);
            return v == null ? null : !(Boolean) v;
        }

        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    /**
     * AND and OR, left first, with 4.9's three-valued logic: the deciding value on either side wins (FALSE for AND,
     * TRUE for OR), then unknown, then the other value.
     */
    record Logic(boolean conjunction, Expr left, Expr right) implements Expr {
        static Logic and(Expr left, Expr right) {
            return new Logic(true, left, right);
        }

        static Logic or(Expr left, Expr right) {
            return new Logic(false, left, right);
        }

        @Override
        public Object eval(Function<String, String> properties) {
            Boolean deciding = !conjunction;
            Object l = left.eval(properties);
            if (deciding.equals(l)) {
                return deciding;
            }
            Object r = right.eval(properties);
            if (deciding.equals(r)) {
                return deciding;
            }
            return l == null || r == null ? null : conjunction;
        }

        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    /**
     * Equality (and IS NULL, with NULL on the right). Both sides are evaluated; 4.9 is asymmetric about an unknown
     * side: unknown on the left gives unknown, on the right only gives FALSE. NULL IS NULL is TRUE.
     */
    record Equal(Expr left, Expr right) implements Expr {
        @Override
        public Object eval(Function<String, String> properties) {
            Object l = left.eval(properties);
            Object r = right.eval(properties);
            if (l == null || r == null) {
                if (l == null && r == null) {
                    return Boolean.TRUE;
                }
                return l == null ? null : Boolean.FALSE;
            }
            return l.equals(r) || Values.compare(l, r) == 0;
        }

        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    /** &lt;, &lt;=, &gt;, &gt;=: unknown if either side is; two strings are compared as doubles. */
    record Order(Op op, Expr left, Expr right) implements Expr {
        enum Op { LT, LE, GT, GE }

        @Override
        public Object eval(Function<String, String> properties) {
            Object l = left.eval(properties);
            if (l == null) {
                return null;
            }
            Object r = right.eval(properties);
            if (r == null) {
                return null;
            }
            int c = l instanceof String ls && r instanceof String rs
                    ? Double.compare(Values.asDouble(ls), Values.asDouble(rs)) : Values.compare(l, r);
            return switch (op) {
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
            };
        }

        @Override
        public boolean isBoolean() {
            return true;
        }
    }

    /** [NOT] IN a list of strings; only a string property can be in it. */
    record In(Expr property, Set<String> values, boolean negated) implements Expr {
        @Override
        public Object eval(Function<String, String> properties) {
            Object v = property.eval(properties);
            if (!(v instanceof String s)) {
                return null;
            }
            return values.contains(s) != negated;
        }

        @Override
        public boolean isBoolean() {
            return true;
        }
    }
}
