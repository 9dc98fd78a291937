package io.tidemq.filter;

import java.util.Map;
import java.util.function.Function;

/**
 * A compiled SQL92 message selector with RocketMQ 4.9's grammar and verdicts: a message matches only when the
 * expression is TRUE; unknown (a missing property) and comparisons 4.9 cannot make do not match. Immutable and
 * safe to share between threads.
 */
public final class SqlSelector {
    /** The expression type consumers name in their subscriptions. */
    public static final String TYPE = "SQL92";

    private final String text;
    private final Expr root;

    private SqlSelector(String text, Expr root) {
        this.text = text;
        this.root = root;
    }

    /** Parses {@code text}, refusing what 4.9 refuses. */
    public static SqlSelector compile(String text) throws SelectorSyntaxException {
        if (text == null) {
            throw new SelectorSyntaxException("an SQL92 subscription needs an expression");
        }
        return new SqlSelector(text, SelectorParser.parse(text));
    }

    public boolean matches(Map<String, String> properties) {
        return matches(properties == null ? name -> null : properties::get);
    }

    /** Evaluates against a property lookup that answers null for a missing property. */
    public boolean matches(Function<String, String> properties) {
        try {
            return Boolean.TRUE.equals(root.eval(properties));
        } catch (EvaluationError e) {
            return false;
        }
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
