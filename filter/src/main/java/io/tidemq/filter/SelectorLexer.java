package io.tidemq.filter;

import java.util.Locale;
import java.util.Map;

/**
 * Splits a selector into tokens on demand, as 4.9's generated token manager does: keywords and identifiers are
 * case-insensitive ASCII, '--' comments run to a line end (and are not comments without one), block comments are
 * skipped, and the longest token wins. Lexing is lazy because 4.9 never reads past the token that ends the
 * expression, so text after it is only checked when the parser has looked at it.
 */
final class SelectorLexer {
    private static final Map<String, Token.Kind> KEYWORDS = Map.of("NOT", Token.Kind.NOT, "AND", Token.Kind.AND,
            "OR", Token.Kind.OR, "BETWEEN", Token.Kind.BETWEEN, "IN", Token.Kind.IN, "TRUE", Token.Kind.TRUE,
            "FALSE", Token.Kind.FALSE, "NULL", Token.Kind.NULL, "IS", Token.Kind.IS);

    private final String text;
    private int pos;

    SelectorLexer(String text) {
        this.text = text;
    }

    Token next() throws SelectorSyntaxException {
        skipBlanksAndComments();
        if (pos >= text.length()) {
            return new Token(Token.Kind.EOF, "", pos + 1);
        }
        int start = pos;
        char c = text.charAt(pos);
        if (isIdStart(c)) {
            while (pos < text.length() && isIdPart(text.charAt(pos))) {
                pos++;
            }
            String image = text.substring(start, pos);
            Token.Kind keyword = KEYWORDS.get(image.toUpperCase(Locale.ROOT));
            return new Token(keyword != null ? keyword : Token.Kind.ID, image, start + 1);
        }
        if (isDigit(c) || c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
            return number(start);
        }
        if (c == '\'') {
            return string(start);
        }
        pos++;
        Token.Kind kind = switch (c) {
            case '=' -> Token.Kind.EQ;
            case '<' -> eat('>') ? Token.Kind.NE : eat('=') ? Token.Kind.LE : Token.Kind.LT;
            case '>' -> eat('=') ? Token.Kind.GE : Token.Kind.GT;
            case '(' -> Token.Kind.LPAREN;
            case ')' -> Token.Kind.RPAREN;
            case ',' -> Token.Kind.COMMA;
            case '+' -> Token.Kind.PLUS;
            case '-' -> Token.Kind.MINUS;
            default -> throw new SelectorSyntaxException(text, start + 1, "unexpected character '" + c + "'");
        };
        return new Token(kind, text.substring(start, pos), start + 1);
    }

    private boolean eat(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipBlanksAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pos++;
            } else if (text.startsWith("--", pos) && lineEnd(pos) >= 0) {
                pos = lineEnd(pos);
            } else if (text.startsWith("/*", pos) && text.indexOf("*/", pos + 2) >= 0) {
                pos = text.indexOf("*/", pos + 2) + 2;
            } else {
                return;
            }
        }
    }

    /** Where a '--' comment starting at {@code from} ends (after its line break), or -1 without a line break. */
    private int lineEnd(int from) {
        for (int i = from + 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }

    /**
     * DECIMAL is "0" or a digit string without a leading zero, with an optional L; FLOAT has a point or an
     * exponent. The longer of the two readings wins, as in the generated lexer.
     */
    private Token number(int start) {
        int digitsEnd = scanDigits(start);
        int floatEnd = -1;
        int p = digitsEnd;
        if (p < text.length() && text.charAt(p) == '.') {
            int fractionEnd = scanDigits(p + 1);
            if (digitsEnd > start || fractionEnd > p + 1) {
                floatEnd = scanExponent(fractionEnd);
            }
        } else if (digitsEnd > start) {
            int withExponent = scanExponent(digitsEnd);
            if (withExponent > digitsEnd) {
                floatEnd = withExponent;
            }
        }
        int decimalEnd = -1;
        if (digitsEnd > start) {
            if (text.charAt(start) == '0') {
                decimalEnd = start + 1;
            } else {
                decimalEnd = digitsEnd;
                if (decimalEnd < text.length() && (text.charAt(decimalEnd) == 'l' || text.charAt(decimalEnd) == 'L')) {
                    decimalEnd++;
                }
            }
        }
        if (floatEnd > decimalEnd) {
            pos = floatEnd;
            return new Token(Token.Kind.FLOAT, text.substring(start, pos), start + 1);
        }
        pos = decimalEnd;
        return new Token(Token.Kind.DECIMAL, text.substring(start, pos), start + 1);
    }

    private int scanDigits(int from) {
        int p = from;
        while (p < text.length() && isDigit(text.charAt(p))) {
            p++;
        }
        return p;
    }

    /** End of an exponent starting at {@code from}, or {@code from} itself when there is none. */
    private int scanExponent(int from) {
        if (from >= text.length() || (text.charAt(from) != 'e' && text.charAt(from) != 'E')) {
            return from;
        }
        int p = from + 1;
        if (p < text.length() && (text.charAt(p) == '+' || text.charAt(p) == '-')) {
            p++;
        }
        int end = scanDigits(p);
        return end > p ? end : from;
    }

    /**
     * A quoted string, '' standing for one quote. The longest well-formed literal wins, as in the generated lexer:
     * when a doubled quote is never followed by a closing one, the literal ends at the first quote of that pair.
     */
    private Token string(int start) throws SelectorSyntaxException {
        StringBuilder value = new StringBuilder();
        int fallbackEnd = -1;
        String fallbackValue = null;
        int p = start + 1;
        while (p < text.length()) {
            char c = text.charAt(p);
            if (c == '\'') {
                if (p + 1 < text.length() && text.charAt(p + 1) == '\'') {
                    fallbackEnd = p + 1;
                    fallbackValue = value.toString();
                    value.append('\'');
                    p += 2;
                    continue;
                }
                pos = p + 1;
                return new Token(Token.Kind.STRING, value.toString(), start + 1);
            }
            value.append(c);
            p++;
        }
        if (fallbackEnd < 0) {
            throw new SelectorSyntaxException(text, start + 1, "string literal without its closing quote");
        }
        pos = fallbackEnd;
        return new Token(Token.Kind.STRING, fallbackValue, start + 1);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
    }

    private static boolean isIdPart(char c) {
        return isIdStart(c) || isDigit(c);
    }
}
