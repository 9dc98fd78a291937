package io.tidemq.filter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random selectors and property maps for the differential tests: mostly well-formed expressions over the whole
 * 4.9 grammar, with literals at the edges of their types, then sometimes damaged (a token inserted, characters
 * cut out, keyword case changed, text appended) so that refusals are compared too.
 */
final class SelectorSamples {
    static final List<String> NAMES = List.of("a", "b", "c", "TAGS", "x_1", "$d", "A");
    private static final List<String> VALUES = List.of("1", "10", "-5", "+5", "5", "5.0", " 5 ", "3000000000",
            "-3000000000", "9223372036854775808", "abc", "", "true", "TRUE", "false", "NaN", "Infinity", "1e3",
            "0x10", "007", "x", "'q'", "2147483647", "2147483648", "-2147483648", "0", "-0.0", "1.5", "5d", "TagA",
            "TagB", "it's");
    private static final List<String> STRINGS = List.of("''", "'abc'", "'x'", "'TagA'", "'TagB'", "'5'", "'1.5'",
            "'it''s'", "'true'", "' 5 '", "'10'");
    private static final List<String> NUMBERS = List.of("0", "1", "5", "10", "007", "2147483647", "2147483648",
            "3000000000", "5L", "5l", "0L", "9223372036854775807", "9223372036854775808", "99999999999999999999",
            "1.5", "5.", ".5", "5E3", "5e-3", "1e400", "0.0", "1e-400", "2.5E+2", "1.2.3", "0x1F", "5e");
    private static final List<String> NOISE = List.of("!=", "LIKE", "#", "'open", "''", "'''", "' '' ", ")", "(",
            ",", "--c\n", "--c",
            "/* c */", "/*", "AND", "OR", "NOT", "IS", "IN", "BETWEEN", "=", "<>", "<", ">", "+", "-", "a", "1",
            "TRUE", "NULL", ".", "a.b", "my-key", "\t", "\n", "é", "==", ">>", "<=>");

    private final Random random;

    SelectorSamples(Random random) {
        this.random = random;
    }

    /** The characters that matter to the lexer, for selectors made of random characters. */
    private static final String LEXER_CHARS = "'''()=<>!-+.,/*\n 0123456789eEL aAbB_$TtRrUuNnOoIiSs";

    String selector() {
        if (random.nextInt(8) == 0) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(24);
            for (int i = 0; i < n; i++) {
                b.append(LEXER_CHARS.charAt(random.nextInt(LEXER_CHARS.length())));
            }
            return random.nextBoolean() ? "a = 1 " + b : b.toString();
        }
        String s = condition(3);
        int damage = random.nextInt(10);
        if (damage == 0) {
            s = insertNoise(s);
        } else if (damage == 1 && s.length() > 2) {
            int from = random.nextInt(s.length());
            int to = Math.min(s.length(), from + 1 + random.nextInt(4));
            s = s.substring(0, from) + s.substring(to);
        } else if (damage == 2) {
            s = random.nextBoolean() ? s.toLowerCase() : swapCase(s);
        } else if (damage == 3) {
            s = s + " " + pick(NOISE) + (random.nextBoolean() ? " " + pick(NOISE) : "");
        }
        return s;
    }

    Map<String, String> properties() {
        Map<String, String> m = new HashMap<>();
        for (String name : NAMES) {
            if (random.nextInt(3) != 0) {
                m.put(name, pick(VALUES));
            }
        }
        return m;
    }

    private String condition(int depth) {
        int choice = random.nextInt(depth <= 0 ? 6 : 12);
        return switch (choice) {
            case 0 -> operand(depth - 1) + " " + pick(List.of("=", "<>", ">", ">=", "<", "<=")) + " "
                    + operand(depth - 1);
            case 1 -> operand(depth - 1) + (random.nextBoolean() ? " NOT" : "") + " BETWEEN " + operand(depth - 1)
                    + " AND " + operand(depth - 1);
            case 2 -> (random.nextInt(5) == 0 ? operand(depth - 1) : property()) + (random.nextBoolean() ? " NOT" : "")
                    + " IN (" + stringList() + ")";
            case 3 -> operand(depth - 1) + " IS" + (random.nextBoolean() ? " NOT" : "") + " NULL";
            case 4 -> pick(List.of("TRUE", "FALSE", "NULL"));
            case 5 -> property();
            case 6, 7 -> condition(depth - 1) + pick(List.of(" AND ", " OR ", " and ", " Or ")) + condition(depth - 1);
            case 8 -> "NOT " + condition(depth - 1);
            case 9 -> "(" + condition(depth - 1) + ")";
            case 10 -> operand(depth - 1) + " = " + "(" + condition(depth - 1) + ")";
            default -> "(" + condition(depth - 1) + ") " + pick(List.of("=", "<>")) + " " + operand(depth - 1);
        };
    }

    private String operand(int depth) {
        int choice = random.nextInt(depth <= 0 ? 4 : 9);
        return switch (choice) {
            case 0, 1 -> property();
            case 2 -> pick(STRINGS);
            case 3 -> pick(NUMBERS);
            case 4 -> pick(List.of("TRUE", "FALSE", "NULL"));
            case 5 -> "-" + operand(depth - 1);
            case 6 -> "+" + operand(depth - 1);
            case 7 -> "(" + operand(depth - 1) + ")";
            default -> "(" + condition(depth - 1) + ")";
        };
    }

    private String property() {
        return pick(NAMES);
    }

    private String stringList() {
        StringBuilder b = new StringBuilder(pick(STRINGS));
        int more = random.nextInt(7);
        for (int i = 0; i < more; i++) {
            b.append(", ").append(random.nextInt(12) == 0 ? pick(NUMBERS) : pick(STRINGS));
        }
        return b.toString();
    }

    private String insertNoise(String s) {
        int at = random.nextInt(s.length() + 1);
        return s.substring(0, at) + " " + pick(NOISE) + " " + s.substring(at);
    }

    private String swapCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return b.toString();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
