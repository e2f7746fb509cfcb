package org.cosmicweb.simulations;

import java.util.ArrayList;
import java.util.List;

/**
 * A mass as a signed sum of table columns, e.g. {@code Mt - Mg - Mstar - MBH} (the dark-matter
 * mass of a hydro subhalo: total minus gas, stars and black holes). Terms are column names joined
 * by {@code +} or {@code -}; a column name may not itself contain those characters.
 *
 * @param text    the expression as written
 * @param columns the column of each term
 * @param signs   +1 or -1 per term
 */
public record MassExpression(String text, List<String> columns, int[] signs) {
    public MassExpression {
        columns = List.copyOf(columns);
        signs = signs.clone();
        if (columns.isEmpty() || columns.size() != signs.length) {
            throw new IllegalArgumentException("a mass expression needs at least one column");
        }
    }

    public static MassExpression parse(String text) {
        String usage = " (expected column names joined by + or -, e.g. 'Mt - Mg - Mstar - MBH')";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty mass expression" + usage);
        }
        List<String> tokens = new ArrayList<>();
        for (String t : text.split("(?=[+-])|(?<=[+-])")) {
            if (!t.isBlank()) {
                tokens.add(t.trim());
            }
        }
        List<String> cols = new ArrayList<>();
        List<Integer> signs = new ArrayList<>();
        int k = 0;
        int sign = 1;
        if (isOperator(tokens.get(0))) {
            sign = tokens.get(k++).equals("-") ? -1 : 1;
        }
        while (true) {
            if (k >= tokens.size() || isOperator(tokens.get(k))) {
                throw new IllegalArgumentException("mass expression '" + text + "' has an operator without a column" + usage);
            }
            String name = tokens.get(k++);
            if (name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("mass expression '" + text + "': '" + name + "' is not one column name"
                        + usage);
            }
            cols.add(name);
            signs.add(sign);
            if (k == tokens.size()) {
                break;
            }
            sign = tokens.get(k++).equals("-") ? -1 : 1;
        }
        return new MassExpression(text.trim(), cols, signs.stream().mapToInt(Integer::intValue).toArray());
    }

    private static boolean isOperator(String t) {
        return t.equals("+") || t.equals("-");
    }

    /** Σ sign_t · value of column t, with {@code values[t]} the value of term t's column. */
    public double evaluate(double[] values) {
        double s = 0;
        for (int t = 0; t < signs.length; t++) {
            s += signs[t] * values[t];
        }
        return s;
    }

    @Override
    public String toString() {
        return text;
    }
}
