package io.tidemq.filter;

/** A selector that 4.9 would refuse; the message names what is wrong and the column where it was found. */
public final class SelectorSyntaxException extends Exception {
    private final int column;

    SelectorSyntaxException(String expression, int column, String problem) {
        super("Invalid SQL92 selector [" + expression + "]: " + problem
                + (column > 0 ? " at column " + column : ""));
        this.column = column;
    }

    /** A refusal of the subscription as a whole (its type, a missing expression). */
    public SelectorSyntaxException(String problem) {
        super(problem);
        this.column = 0;
    }

    /** 1-based column of the offending token, or 0 when the problem is not tied to one place. */
    public int column() {
        return column;
    }
}
