package io.tidemq.filter;

/** One lexical token of a selector; {@code column} is 1-based. */
record Token(Kind kind, String image, int column) {
    enum Kind {
        NOT, AND, OR, BETWEEN, IN, TRUE, FALSE, NULL, IS,
        DECIMAL, FLOAT, STRING, ID,
        EQ("="), NE("<>"), GT(">"), GE(">="), LT("<"), LE("<="),
        LPAREN("("), COMMA(","), RPAREN(")"), PLUS("+"), MINUS("-"),
        EOF;

        private final String symbol;

        Kind() {
            this.symbol = null;
        }

        Kind(String symbol) {
            this.symbol = symbol;
        }

        String describe() {
            return symbol != null ? "'" + symbol + "'" : this == EOF ? "the end" : name();
        }
    }

    boolean is(Kind k) {
        return kind == k;
    }

    String describe() {
        return kind == Kind.EOF ? "the end of the selector" : "'" + image + "'";
    }
}
