package org.spicelearn.netlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates the arithmetic of SPICE parameter expressions ({@code {r0*2}}, {@code 'a+b'},
 * {@code .param} right-hand sides): numbers with SPICE suffixes, parameters, {@code + - * /},
 * {@code ^} and {@code **} (right-associative power), parentheses, unary minus and plus, the
 * constant {@code pi}, and the functions {@code sqrt exp log ln log10 abs min max pow sin cos tan
 * atan floor ceil int}. {@code log} is the natural logarithm, as in ngspice. Names are
 * case-insensitive. The result must be finite.
 */
final class Expression {
    private static final int MAX_DEPTH = 100;

    private final String text;
    private final Map<String, Double> params;
    private int pos;
    private int depth;

    private Expression(String text, Map<String, Double> params) {
        this.text = text.toLowerCase(Locale.ROOT);
        this.params = params;
    }

    /**
     * Evaluates {@code text} with the parameter values {@code params} (lower-case names).
     *
     * @throws LineError naming the problem (syntax, unknown parameter or function, non-finite result)
     */
    static double evaluate(String text, Map<String, Double> params) throws LineError {
        Expression e = new Expression(text, params);
        e.skipSpaces();
        if (e.pos >= e.text.length()) {
            throw new LineError("empty expression");
        }
        double v = e.sum();
        e.skipSpaces();
        if (e.pos < e.text.length()) {
            throw new LineError("unexpected '" + e.text.charAt(e.pos) + "' in expression '" + text + "'");
        }
        if (!Double.isFinite(v)) {
            throw new LineError("expression '" + text + "' evaluates to " + v);
        }
        return v;
    }

    private double sum() throws LineError {
        double v = product();
        while (true) {
            if (accept('+')) {
                v += product();
            } else if (accept('-')) {
                v -= product();
            } else {
                return v;
            }
        }
    }

    private double product() throws LineError {
        double v = unary();
        while (true) {
            skipSpaces();
            if (text.startsWith("**", pos)) {
                return v; // handled by power()
            }
            if (accept('*')) {
                v *= unary();
            } else if (accept('/')) {
                v /= unary();
            } else {
                return v;
            }
        }
    }

    private double unary() throws LineError {
        enter();
        try {
            if (accept('-')) {
                return -unary();
            }
            if (accept('+')) {
                return unary();
            }
            return power();
        } finally {
            depth--;
        }
    }

    private double power() throws LineError {
        double base = primary();
        skipSpaces();
        if (text.startsWith("**", pos)) {
            pos += 2;
            return Math.pow(base, unary());
        }
        if (accept('^')) {
            return Math.pow(base, unary());
        }
        return base;
    }

    private double primary() throws LineError {
        skipSpaces();
        if (pos >= text.length()) {
            throw new LineError("expression '" + text + "' ends too early");
        }
        char ch = text.charAt(pos);
        if (ch == '(') {
            pos++;
            enter();
            double v = sum();
            depth--;
            expect(')');
            return v;
        }
        if (ch >= '0' && ch <= '9' || ch == '.') {
            return number();
        }
        if (Character.isLetter(ch) || ch == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            skipSpaces();
            if (accept('(')) {
                return function(name);
            }
            Double v = params.get(name);
            if (v != null) {
                return v;
            }
            if (name.equals("pi")) {
                return Math.PI;
            }
            throw new LineError("undefined parameter '" + name + "'");
        }
        throw new LineError("unexpected '" + ch + "' in expression '" + text + "'");
    }

    private double number() throws LineError {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos + 1 < text.length() && text.charAt(pos) == 'e'
                && (Character.isDigit(text.charAt(pos + 1))
                || (text.charAt(pos + 1) == '+' || text.charAt(pos + 1) == '-')
                && pos + 2 < text.length() && Character.isDigit(text.charAt(pos + 2)))) {
            pos += 2;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        String token = text.substring(start, pos);
        try {
            return SpiceNumbers.parse(token);
        } catch (NumberFormatException e) {
            throw new LineError(e.getMessage() + " in expression '" + text + "'");
        }
    }

    private double function(String name) throws LineError {
        List<Double> args = new ArrayList<>();
        enter();
        skipSpaces();
        if (!accept(')')) {
            do {
                args.add(sum());
            } while (accept(','));
            expect(')');
        }
        depth--;
        switch (name) {
            case "sqrt": return Math.sqrt(one(name, args));
            case "exp": return Math.exp(one(name, args));
            case "log":
            case "ln": return Math.log(one(name, args));
            case "log10": return Math.log10(one(name, args));
            case "abs": return Math.abs(one(name, args));
            case "sin": return Math.sin(one(name, args));
            case "cos": return Math.cos(one(name, args));
            case "tan": return Math.tan(one(name, args));
            case "atan": return Math.atan(one(name, args));
            case "floor": return Math.floor(one(name, args));
            case "ceil": return Math.ceil(one(name, args));
            case "int": return (double) (long) one(name, args);
            case "min": return Math.min(two(name, args)[0], two(name, args)[1]);
            case "max": return Math.max(two(name, args)[0], two(name, args)[1]);
            case "pow": return Math.pow(two(name, args)[0], two(name, args)[1]);
            default: throw new LineError("unknown function '" + name + "'");
        }
    }

    private static double one(String name, List<Double> args) throws LineError {
        if (args.size() != 1) {
            throw new LineError("function " + name + " takes 1 argument, got " + args.size());
        }
        return args.get(0);
    }

    private static double[] two(String name, List<Double> args) throws LineError {
        if (args.size() != 2) {
            throw new LineError("function " + name + " takes 2 arguments, got " + args.size());
        }
        return new double[] {args.get(0), args.get(1)};
    }

    private void enter() throws LineError {
        if (++depth > MAX_DEPTH) {
            throw new LineError("expression nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char ch) throws LineError {
        if (!accept(ch)) {
            throw new LineError("expected '" + ch + "' in expression '" + text + "'");
        }
    }

    private boolean accept(char ch) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == ch) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
