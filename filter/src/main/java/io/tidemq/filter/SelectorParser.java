package io.tidemq.filter;

import io.tidemq.filter.Expr.Order.Op;
import io.tidemq.filter.Token.Kind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over 4.9's selector grammar, with its precedence (OR, AND, then =, &lt;&gt; and IS [NOT] NULL,
 * then ordering, [NOT] BETWEEN and [NOT] IN, then unary +, - and NOT) and the checks it makes while building:
 * ordering only on numbers, no comparison with the NULL literal, IN only on a property and only with strings,
 * BETWEEN bounds in order, conditions where conditions are needed. Like 4.9 it stops at the first token that
 * cannot continue the expression and ignores what follows.
 */
final class SelectorParser {
    private final String text;
    private final SelectorLexer lexer;
    private final List<Token> ahead = new ArrayList<>(2);

    private SelectorParser(String text) {
        this.text = text;
        this.lexer = new SelectorLexer(text);
    }

    static Expr parse(String text) throws SelectorSyntaxException {
        SelectorParser p = new SelectorParser(text);
        return p.condition(p.or(), p.peek());
    }

    private Expr or() throws SelectorSyntaxException {
        Token at = peek();
        Expr left = and();
        while (peek().is(Kind.OR)) {
            Token op = take();
            Expr right = and();
            left = Expr.Logic.or(condition(left, at), condition(right, op));
        }
        return left;
    }

    private Expr and() throws SelectorSyntaxException {
        Token at = peek();
        Expr left = equality();
        while (peek().is(Kind.AND)) {
            Token op = take();
            Expr right = equality();
            left = Expr.Logic.and(condition(left, at), condition(right, op));
        }
        return left;
    }

    private Expr equality() throws SelectorSyntaxException {
        Expr left = comparison();
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case EQ, NE -> {
                    take();
                    Expr right = comparison();
                    Expr eq = equal(left, right, t);
                    left = t.is(Kind.EQ) ? eq : new Expr.Not(eq);
                }
                case IS -> {
                    take();
                    boolean not = peek().is(Kind.NOT);
                    if (not) {
                        take();
                    }
                    expect(Kind.NULL, "NULL after IS" + (not ? " NOT" : ""));
                    Expr isNull = new Expr.Equal(left, Expr.Literal.NULL);
                    left = not ? new Expr.Not(isNull) : isNull;
                }
                default -> {
                    return left;
                }
            }
        }
    }

    private Expr comparison() throws SelectorSyntaxException {
        Expr left = unary();
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case GT -> left = order(Op.GT, left, next(), t);
                case GE -> left = order(Op.GE, left, next(), t);
                case LT -> left = order(Op.LT, left, next(), t);
                case LE -> left = order(Op.LE, left, next(), t);
                case BETWEEN -> {
                    take();
                    left = between(left, t, false);
                }
                case IN -> {
                    take();
                    left = in(left, t, false);
                }
                case NOT -> {
                    Token second = peek(1);
                    if (second.is(Kind.BETWEEN)) {
                        take();
                        take();
                        left = between(left, t, true);
                    } else if (second.is(Kind.IN)) {
                        take();
                        take();
                        left = in(left, t, true);
                    } else {
                        throw error(second, "expected BETWEEN or IN after NOT, found " + second.describe());
                    }
                }
                default -> {
                    return left;
                }
            }
        }
    }

    /** Takes the operator and parses its right operand. */
    private Expr next() throws SelectorSyntaxException {
        take();
        return unary();
    }

    private Expr unary() throws SelectorSyntaxException {
        Token t = peek();
        switch (t.kind()) {
            case PLUS -> {
                take();
                return unary();
            }
            case MINUS -> {
                take();
                return new Expr.Negate(unary());
            }
            case NOT -> {
                take();
                Token at = peek();
                return new Expr.Not(condition(unary(), at));
            }
            default -> {
                return primary();
            }
        }
    }

    private Expr primary() throws SelectorSyntaxException {
        Token t = take();
        return switch (t.kind()) {
            case STRING -> new Expr.Literal(t.image(), false);
            case DECIMAL -> new Expr.Literal(decimal(t), false);
            case FLOAT -> new Expr.Literal(floating(t), false);
            case TRUE -> Expr.Literal.TRUE;
            case FALSE -> Expr.Literal.FALSE;
            case NULL -> Expr.Literal.NULL;
            case ID -> new Expr.Property(t.image());
            case LPAREN -> {
                Expr inner = or();
                expect(Kind.RPAREN, "')'");
                yield inner;
            }
            default -> throw error(t, "expected a literal, a property or '(', found " + t.describe());
        };
    }

    private Expr equal(Expr left, Expr right, Token op) throws SelectorSyntaxException {
        for (Expr side : new Expr[] {left, right}) {
            if (side instanceof Expr.Literal l && l.value() == null) {
                throw error(op, "NULL cannot be compared with " + op.image() + "; use IS NULL or IS NOT NULL");
            }
        }
        if (left instanceof Expr.Literal l && right instanceof Expr.Literal r
                && l.booleanConstant() && !r.booleanConstant()) {
            throw error(op, l + " cannot be compared with " + r);
        }
        return new Expr.Equal(left, right);
    }

    private Expr order(Op op, Expr left, Expr right, Token at) throws SelectorSyntaxException {
        orderable(left, at);
        orderable(right, at);
        return new Expr.Order(op, left, right);
    }

    private void orderable(Expr e, Token at) throws SelectorSyntaxException {
        if (e instanceof Expr.Literal l ? !(l.value() instanceof Number) : e.isBoolean()) {
            throw error(at, e + " cannot be compared with " + at.image()
                    + ": only numbers and properties can be ordered");
        }
    }

    private Expr between(Expr value, Token at, boolean negated) throws SelectorSyntaxException {
        Expr low = unary();
        expect(Kind.AND, "AND between the bounds of BETWEEN");
        Expr high = unary();
        if (negated) {
            return Expr.Logic.or(order(Op.LT, value, low, at), order(Op.GT, value, high, at));
        }
        if (low instanceof Expr.Literal l && high instanceof Expr.Literal h) {
            if (l.value() == null || h.value() == null) {
                throw error(at, "the bounds of BETWEEN cannot be NULL");
            }
            int c;
            try {
                c = Values.compare(h.value(), l.value());
            } catch (EvaluationError e) {
                throw error(at, "the bounds of BETWEEN cannot be compared: " + e.getMessage());
            }
            if (c < 0) {
                throw error(at, "the lower bound of BETWEEN (" + l + ") is greater than the upper bound (" + h + ")");
            }
        }
        return Expr.Logic.and(order(Op.GE, value, low, at), order(Op.LE, value, high, at));
    }

    private Expr in(Expr value, Token at, boolean negated) throws SelectorSyntaxException {
        expect(Kind.LPAREN, "'(' after IN");
        Set<String> values = new LinkedHashSet<>();
        values.add(expect(Kind.STRING, "a string literal in the IN list").image());
        while (peek().is(Kind.COMMA)) {
            take();
            values.add(expect(Kind.STRING, "a string literal in the IN list").image());
        }
        expect(Kind.RPAREN, "')' closing the IN list");
        if (!(value instanceof Expr.Property)) {
            throw error(at, "IN applies to a property, not to " + value);
        }
        return new Expr.In(value, Set.copyOf(values), negated);
    }

    /** 4.9's asBooleanExpression: a condition stays, a property becomes one, anything else is refused. */
    private Expr condition(Expr e, Token at) throws SelectorSyntaxException {
        if (e.isBoolean()) {
            return e;
        }
        if (e instanceof Expr.Property) {
            return new Expr.AsCondition(e);
        }
        throw error(at, "expected a condition, found the value " + e);
    }

    private Object decimal(Token t) throws SelectorSyntaxException {
        String digits = t.image();
        if (digits.endsWith("l") || digits.endsWith("L")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        long v;
        try {
            v = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error(t, "the number " + t.image() + " is out of the range of a long");
        }
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
    }

    private Double floating(Token t) throws SelectorSyntaxException {
        double v = Double.parseDouble(t.image());
        if (Double.isInfinite(v)) {
            throw error(t, "the number " + t.image() + " is greater than " + Double.MAX_VALUE);
        }
        if (v < Double.MIN_VALUE) {
            // 4.9 refuses a float literal of zero (it checks against the smallest positive double)
            throw error(t, "the number " + t.image() + " is less than " + Double.MIN_VALUE
                    + " (write 0 for zero)");
        }
        return v;
    }

    private Token expect(Kind kind, String what) throws SelectorSyntaxException {
        Token t = take();
        if (!t.is(kind)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return t;
    }

    private Token peek() throws SelectorSyntaxException {
        return peek(0);
    }

    private Token peek(int i) throws SelectorSyntaxException {
        while (ahead.size() <= i) {
            ahead.add(lexer.next());
        }
        return ahead.get(i);
    }

    private Token take() throws SelectorSyntaxException {
        Token t = peek();
        ahead.remove(0);
        return t;
    }

    private SelectorSyntaxException error(Token at, String problem) {
        return new SelectorSyntaxException(text, at.column(), problem);
    }
}
