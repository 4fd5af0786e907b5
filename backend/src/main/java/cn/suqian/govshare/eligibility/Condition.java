package cn.suqian.govshare.eligibility;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A rule's condition over named facts, e.g. {@code filing.type in ['NEW_BUILD', 'EXPANSION'] and not system.connected}.
 * The language is small on purpose: {@code and}, {@code or}, {@code not}, parentheses, {@code == != < <= > >=},
 * {@code in [..]}, numbers, 'strings', true/false and fact names (letters, digits, dots). Logic is three-valued:
 * a fact that is missing makes what depends on it unknown, and the result names the missing facts — a rule whose
 * outcome hangs on a missing fact is "needs review", never a pass or a fail.
 */
public final class Condition {

    /** True, false, or unknown because of the named missing facts. */
    public record Result(Boolean value, Set<String> missing) {
        static Result of(boolean v) {
            return new Result(v, Set.of());
        }

        public boolean unknown() {
            return value == null;
        }
    }

    /** A condition that does not parse or cannot be evaluated (a type mismatch). */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    private sealed interface Node permits Literal, FactRef, ListNode, Not, And, Or, Compare, In {
    }

    private record Literal(Object value) implements Node {
    }

    private record FactRef(String name) implements Node {
    }

    private record ListNode(List<Node> items) implements Node {
    }

    private record Not(Node operand) implements Node {
    }

    private record And(Node left, Node right) implements Node {
    }

    private record Or(Node left, Node right) implements Node {
    }

    private record Compare(String op, Node left, Node right) implements Node {
    }

    private record In(Node left, Node list) implements Node {
    }

    /** A value during evaluation: {@code missing} non-empty means unknown. */
    private record Value(Object v, Set<String> missing) {
        boolean unknown() {
            return !missing.isEmpty();
        }
    }

    private final String text;
    private final Node root;
    private final Set<String> facts;

    private Condition(String text, Node root) {
        this.text = text;
        this.root = root;
        this.facts = new LinkedHashSet<>();
        collect(root, facts);
    }

    public static Condition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new Invalid("empty condition");
        }
        Parser p = new Parser(tokens(text));
        Node n = p.or();
        if (p.pos != p.tokens.size()) {
            throw new Invalid("unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return new Condition(text, n);
    }

    public String text() {
        return text;
    }

    /** The facts the condition reads, in order of appearance. */
    public Set<String> facts() {
        return facts;
    }

    /** Evaluates over {@code facts} (name → value; absent or null means missing). */
    public Result evaluate(Map<String, ?> facts) {
        Value v = eval(root, facts);
        if (v.unknown()) {
            return new Result(null, v.missing());
        }
        if (!(v.v() instanceof Boolean b)) {
            throw new Invalid("condition is not true or false: " + text);
        }
        return Result.of(b);
    }

    private static void collect(Node n, Set<String> out) {
        switch (n) {
            case FactRef f -> out.add(f.name());
            case ListNode l -> l.items().forEach(i -> collect(i, out));
            case Not x -> collect(x.operand(), out);
            case And x -> {
                collect(x.left(), out);
                collect(x.right(), out);
            }
            case Or x -> {
                collect(x.left(), out);
                collect(x.right(), out);
            }
            case Compare x -> {
                collect(x.left(), out);
                collect(x.right(), out);
            }
            case In x -> {
                collect(x.left(), out);
                collect(x.list(), out);
            }
            case Literal ignored -> {
            }
        }
    }

    private static Value eval(Node n, Map<String, ?> facts) {
        return switch (n) {
            case Literal l -> new Value(l.value(), Set.of());
            case FactRef f -> {
                Object v = facts.get(f.name());
                yield v == null ? new Value(null, Set.of(f.name())) : new Value(normalise(v), Set.of());
            }
            case ListNode l -> {
                List<Object> values = new ArrayList<>();
                Set<String> missing = new LinkedHashSet<>();
                for (Node i : l.items()) {
                    Value v = eval(i, facts);
                    missing.addAll(v.missing());
                    values.add(v.v());
                }
                yield new Value(values, missing);
            }
            case Not x -> {
                Value v = eval(x.operand(), facts);
                yield v.unknown() ? v : new Value(!bool(v), Set.of());
            }
            case And x -> {
                Value a = eval(x.left(), facts);
                Value b = eval(x.right(), facts);
                if ((!a.unknown() && !bool(a)) || (!b.unknown() && !bool(b))) {
                    yield new Value(false, Set.of());
                }
                yield a.unknown() || b.unknown() ? new Value(null, union(a, b)) : new Value(true, Set.of());
            }
            case Or x -> {
                Value a = eval(x.left(), facts);
                Value b = eval(x.right(), facts);
                if ((!a.unknown() && bool(a)) || (!b.unknown() && bool(b))) {
                    yield new Value(true, Set.of());
                }
                yield a.unknown() || b.unknown() ? new Value(null, union(a, b)) : new Value(false, Set.of());
            }
            case Compare x -> {
                Value a = eval(x.left(), facts);
                Value b = eval(x.right(), facts);
                if (a.unknown() || b.unknown()) {
                    yield new Value(null, union(a, b));
                }
                yield new Value(compare(x.op(), a.v(), b.v()), Set.of());
            }
            case In x -> {
                Value a = eval(x.left(), facts);
                Value b = eval(x.list(), facts);
                if (a.unknown() || b.unknown()) {
                    yield new Value(null, union(a, b));
                }
                if (!(b.v() instanceof Collection<?> c)) {
                    throw new Invalid("'in' needs a list");
                }
                yield new Value(c.stream().anyMatch(i -> equal(a.v(), i)), Set.of());
            }
        };
    }

    private static Set<String> union(Value a, Value b) {
        Set<String> s = new LinkedHashSet<>(a.missing());
        s.addAll(b.missing());
        return s;
    }

    private static boolean bool(Value v) {
        if (v.v() instanceof Boolean b) {
            return b;
        }
        throw new Invalid("not true or false: " + v.v());
    }

    private static Object normalise(Object v) {
        if (v instanceof Number n && !(v instanceof BigDecimal)) {
            return new BigDecimal(n.toString());
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        return v;
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    private static boolean compare(String op, Object a, Object b) {
        return switch (op) {
            case "==" -> equal(a, b);
            case "!=" -> !equal(a, b);
            default -> {
                if (!(a instanceof BigDecimal x) || !(b instanceof BigDecimal y)) {
                    throw new Invalid("'" + op + "' compares numbers, not " + a + " and " + b);
                }
                int c = x.compareTo(y);
                yield switch (op) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    default -> throw new Invalid("unknown operator " + op);
                };
            }
        };
    }

    // ---- parsing ------------------------------------------------------------------------------

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new Invalid("unterminated string");
                }
                out.add(s.substring(i, end + 1));
                i = end + 1;
            } else if ("()[],".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if ("=!<>".indexOf(c) >= 0) {
                if (i + 1 < s.length() && s.charAt(i + 1) == '=') {
                    out.add(s.substring(i, i + 2));
                    i += 2;
                } else if (c == '<' || c == '>') {
                    out.add(String.valueOf(c));
                    i++;
                } else {
                    throw new Invalid("unexpected '" + c + "'");
                }
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.'
                        || (i == start && s.charAt(i) == '-'))) {
                    i++;
                }
                out.add(s.substring(start, i));
            } else {
                throw new Invalid("unexpected '" + c + "'");
            }
        }
        return out;
    }

    private static final class Parser {
        final List<String> tokens;
        int pos;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        String peek() {
            return pos < tokens.size() ? tokens.get(pos) : null;
        }

        boolean accept(String t) {
            if (t.equals(peek())) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(String t) {
            if (!accept(t)) {
                throw new Invalid("expected '" + t + "'" + (peek() == null ? " at the end" : " before '" + peek() + "'"));
            }
        }

        Node or() {
            Node n = and();
            while (accept("or")) {
                n = new Or(n, and());
            }
            return n;
        }

        Node and() {
            Node n = not();
            while (accept("and")) {
                n = new And(n, not());
            }
            return n;
        }

        Node not() {
            if (accept("not")) {
                return new Not(not());
            }
            return comparison();
        }

        Node comparison() {
            Node left = primary();
            String op = peek();
            if (op != null && List.of("==", "!=", "<", "<=", ">", ">=").contains(op)) {
                pos++;
                return new Compare(op, left, primary());
            }
            if (accept("in")) {
                return new In(left, primary());
            }
            return left;
        }

        Node primary() {
            String t = peek();
            if (t == null) {
                throw new Invalid("condition ends too early");
            }
            pos++;
            if (t.equals("(")) {
                Node n = or();
                expect(")");
                return n;
            }
            if (t.equals("[")) {
                List<Node> items = new ArrayList<>();
                if (!accept("]")) {
                    do {
                        items.add(primary());
                    } while (accept(","));
                    expect("]");
                }
                return new ListNode(items);
            }
            if (t.startsWith("'")) {
                return new Literal(t.substring(1, t.length() - 1));
            }
            if (t.equals("true") || t.equals("false")) {
                return new Literal(Boolean.parseBoolean(t));
            }
            if (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-') {
                try {
                    return new Literal(new BigDecimal(t));
                } catch (NumberFormatException e) {
                    throw new Invalid("not a number: " + t);
                }
            }
            if (List.of("and", "or", "not", "in", ")", "]", ",").contains(t) || !Character.isLetter(t.charAt(0))) {
                throw new Invalid("unexpected '" + t + "'");
            }
            return new FactRef(t);
        }
    }
}
