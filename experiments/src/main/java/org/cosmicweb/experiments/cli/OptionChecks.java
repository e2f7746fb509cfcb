package org.cosmicweb.experiments.cli;

import org.cosmicweb.common.Numbers;

import java.util.List;
import java.util.Locale;

/**
 * The ranges that {@code --help} states, checked on the options as the user typed them (or as a
 * --config file gave them), so that a bad value is refused before anything is loaded, in a message
 * that names the option and not a field deep inside the program.
 */
final class OptionChecks {
    private OptionChecks() {
    }

    static int range(String option, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(option + " must be in " + lo + ".." + hi + " (see --help), got " + v);
        }
        return v;
    }

    /** {@code v} in [lo, hi] (or open at an end where asked), finite. */
    static double range(String option, double v, double lo, boolean loOpen, double hi, boolean hiOpen) {
        boolean ok = Double.isFinite(v) && (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be in %s%s, %s%s (see --help), got %s",
                    option, loOpen ? "(" : "[", Numbers.plain(lo), Numbers.plain(hi), hiOpen ? ")" : "]",
                    Numbers.plain(v)));
        }
        return v;
    }

    static double[] range(String option, List<Double> values, double lo, double hi) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(option + " has an empty value in its list");
            }
            out[i] = range(option, values.get(i), lo, false, hi, false);
        }
        return out;
    }

}
