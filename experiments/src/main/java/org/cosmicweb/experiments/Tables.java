package org.cosmicweb.experiments;

import org.cosmicweb.common.Numbers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** metrics.csv, metrics.md and metrics.tex from an experiment's metric rows. */
public final class Tables {
    /*
     * The scale column: the linking length D in Mpc for gnn and gnn_2d, the overdensity radius R in Mpc
     * for boost_overdensity, the number of neighbours k for gnn_knn (the model's name says which); empty
     * for models without one.
     */
    public static final String CSV_HEADER =
            "model,scale,subset,rmse,rmse_se,nmad,mae,pearson,r2,bias,outlier_fraction,n";
    public static final String COMPARISONS_HEADER =
            "model,scale,reference,reference_scale,role,subset,delta_rmse,delta_se,delta_lo95,delta_hi95";

    private Tables() {
    }

    static String scale(double s) {
        return Double.isNaN(s) ? "" : String.format(Locale.ROOT, "%s", s);
    }

    /** The scale column of a table: – for none, k=K for kNN runs, else D or R in Mpc. */
    static String scaleLabel(String model, double s) {
        return Double.isNaN(s) ? "–" : model.equals("gnn_knn") ? "k=" + (long) s : scale(s);
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.5f", v);
    }

    public static String csv(ExperimentResult r) {
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (ExperimentResult.MetricRow m : r.metrics()) {
            Metrics x = m.metrics();
            b.append(String.join(",", m.model(), scale(m.scaleMpc()), m.subset(), f(x.rmse()), f(m.rmseSe()), f(x.nmad()),
                    f(x.mae()),
                    f(x.pearson()), f(x.r2()), f(x.bias()), f(x.outlierFraction()), Integer.toString(x.n())))
                    .append('\n');
        }
        return b.toString();
    }

    /** comparisons.csv: RMSE differences of the GNN runs against their references, paired bootstrap. */
    public static String comparisonsCsv(ExperimentResult r) {
        StringBuilder b = new StringBuilder(COMPARISONS_HEADER).append('\n');
        for (ExperimentResult.Comparison c : r.comparisons()) {
            BlockBootstrap.Difference d = c.difference();
            b.append(String.join(",", c.run().model(), scale(c.run().scaleMpc()), c.reference().model(),
                    scale(c.reference().scaleMpc()), c.role(), c.subset(), f(d.value()), f(d.se()), f(d.lo95()),
                    f(d.hi95()))).append('\n');
        }
        return b.toString();
    }

    /**
     * calibration.csv: fraction within 1σ and 2σ before (raw) and after the post-hoc temperature,
     * per GNN run and group (all, centrals, satellites, bins of true log M*).
     */
    public static String calibrationCsv(ExperimentResult r) {
        StringBuilder b = new StringBuilder("model,scale,group,n,within_1sigma_raw,within_2sigma_raw,"
                + "within_1sigma,within_2sigma\n");
        for (Calibration.Row c : Calibration.rows(r)) {
            b.append(String.join(",", c.run().model(), scale(c.run().scaleMpc()), c.group(), Integer.toString(c.n()),
                    f(c.raw1()), f(c.raw2()), f(c.cal1()), f(c.cal2()))).append('\n');
        }
        return b.toString();
    }

    /** Rows of one subset, sorted by model then scale. */
    static List<ExperimentResult.MetricRow> subset(ExperimentResult r, String subset) {
        List<ExperimentResult.MetricRow> rows = new ArrayList<>();
        for (ExperimentResult.MetricRow m : r.metrics()) {
            if (m.subset().equals(subset)) {
                rows.add(m);
            }
        }
        rows.sort(Comparator.comparing(ExperimentResult.MetricRow::model)
                .thenComparingDouble(m -> Double.isNaN(m.scaleMpc()) ? -1 : m.scaleMpc()));
        return rows;
    }

    public static String markdown(ExperimentResult r) {
        StringBuilder b = new StringBuilder();
        double floor = r.data().catalog.noiseFloorDex();
        if (r.data().boxCount() > 1) {
            b.append(String.format(Locale.ROOT, "Galaxies: %d (%.1f%% centrals) in %d boxes of %.2f Mpc, %d folds over"
                            + " whole boxes; node features: %s; graph nodes: %s. Uncertainties: bootstrap over boxes.",
                    r.data().size(), 100 * r.data().catalog.centralFraction(), r.data().boxCount(),
                    r.data().catalog.boxSizeMpc(), r.config().folds(), String.join(", ", r.data().featureNames()),
                    r.data().graphNodes().key()));
        } else {
            b.append(String.format(Locale.ROOT, "Galaxies: %d (%.1f%% centrals), %d spatial folds along %c, padding %.1f"
                    + " Mpc.", r.data().size(), 100 * r.data().catalog.centralFraction(), r.config().folds(),
                    "xyz".charAt(r.config().graph().foldAxis()), r.config().padMpc()));
            if (r.data().graphNodes() == org.cosmicweb.simulations.GraphNodes.DMO) {
                b.append(String.format(Locale.ROOT, " Graph nodes: %d subhalos passing the dark-matter cuts.",
                        r.data().nodeCount()));
            }
        }
        if (!Double.isNaN(floor)) {
            b.append(String.format(Locale.ROOT, " Mock noise floor: RMSE %.4f dex.", floor));
        }
        b.append("\n\nGNN: ").append(r.config().gnn().describe()).append("; graphs: ")
                .append(r.config().graph().toJson()).append(".\n\n");
        for (String subset : new String[] {"all", "centrals", "satellites"}) {
            b.append("### ").append(subset).append("\n\n");
            b.append("| model | scale (Mpc, or k) | RMSE ± SE | NMAD | MAE | Pearson | R² | bias | outliers | N |");
            b.append(Double.isNaN(floor) ? "\n" : " RMSE / floor |\n");
            b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|").append(Double.isNaN(floor) ? "\n" : "---:|\n");
            for (ExperimentResult.MetricRow m : subset(r, subset)) {
                Metrics x = m.metrics();
                b.append(String.format(Locale.ROOT, "| %s | %s | %.4f ± %.4f | %.4f | %.4f | %.4f | %.4f | %+.4f | %.4f | %d |",
                        m.model(), scaleLabel(m.model(), m.scaleMpc()), x.rmse(), m.rmseSe(), x.nmad(),
                        x.mae(), x.pearson(), x.r2(), x.bias(), x.outlierFraction(), x.n()));
                b.append(Double.isNaN(floor) ? "\n" : String.format(Locale.ROOT, " %.3f |\n", x.rmse() / floor));
            }
            b.append('\n');
        }
        String cmp = comparisonsMarkdown(r);
        if (!cmp.isEmpty()) {
            b.append("### GNN against the baselines, paired (all galaxies)\n\n").append(cmp).append('\n');
        }
        String cal = calibrationMarkdown(r);
        if (!cal.isEmpty()) {
            b.append("### GNN uncertainty calibration\n\n").append(cal);
        }
        if (r.data().boxCount() > 1) {
            b.append('\n').append(perBoxMarkdown(r, PerBox.of(r)));
        }
        return b.toString();
    }

    /** The per-box RMSE distribution of every run, and how the best run's per-box RMSE varies with each parameter. */
    static String perBoxMarkdown(ExperimentResult r, PerBox p) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "### Per-box RMSE (%d held-out boxes, each box weighted alike)%n%n",
                r.data().boxCount()));
        b.append("| model | scale (Mpc, or k) | median | 16 % | 84 % |\n|---|---:|---:|---:|---:|\n");
        for (int k = 0; k < p.runs().size(); k++) {
            ExperimentResult.Run run = p.runs().get(k);
            double[] q = p.quantiles(k);
            b.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.4f |%n", run.model(),
                    Double.isNaN(run.scaleMpc()) ? "–" : scale(run.scaleMpc()), q[0], q[1], q[2]));
        }
        List<String> names = r.data().parameterNames();
        int best = p.mostImportant();
        if (best >= 0) {
            List<String> rho = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                if (!Double.isNaN(p.spearman()[k])) {
                    rho.add(String.format(Locale.ROOT, "%s %+.3f", names.get(k), p.spearman()[k]));
                }
            }
            b.append(String.format(Locale.ROOT, "%nSpearman ρ of %s's per-box RMSE with each box parameter: %s. Most"
                    + " important: %s (per_box_rmse.png).%n", p.runs().get(p.reference()).column(),
                    String.join("; ", rho), names.get(best)));
        }
        return b.toString();
    }

    /** per_box.csv: one row per box: its name, number, galaxies, fold, parameters, then each run's RMSE. */
    public static String perBoxCsv(ExperimentResult r) {
        PerBox p = PerBox.of(r);
        ExperimentData d = r.data();
        StringBuilder b = new StringBuilder("box,number,galaxies,fold");
        d.parameterNames().forEach(n -> b.append(',').append(n));
        p.runs().forEach(run -> b.append(",rmse_").append(run.column()));
        b.append('\n');
        for (int k = 0; k < d.boxCount(); k++) {
            ExperimentData.Box box = d.boxes().get(k);
            b.append(box.name()).append(',').append(box.number()).append(',').append(p.galaxies()[k]).append(',')
                    .append(p.foldOfBox()[k]);
            for (double v : box.parameters()) {
                // As the parameter table writes them: a whole number (the seed) without ".0".
                b.append(',').append(Numbers.plain(v));
            }
            for (double[] run : p.rmse()) {
                b.append(',').append(f(run[k]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String comparisonsMarkdown(ExperimentResult r) {
        StringBuilder b = new StringBuilder();
        for (ExperimentResult.Comparison c : r.comparisons()) {
            if (!c.subset().equals("all")) {
                continue;
            }
            if (b.length() == 0) {
                b.append("ΔRMSE = RMSE(model) − RMSE(reference), dex; block-bootstrap SE and 95 % interval"
                        + " (negative: the model is better).\n\n");
                b.append("| model | D (Mpc, or k) | reference | ΔRMSE | SE | 95 % interval | relative |\n"
                        + "|---|---:|---|---:|---:|---|---:|\n");
            }
            BlockBootstrap.Difference d = c.difference();
            double ref = r.rmse(c.reference());
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %+.4f | %.4f | [%+.4f, %+.4f]%s | %+.1f %% |%n",
                    c.run().model(), scaleLabel(c.run().model(), c.run().scaleMpc()), c.reference().column(), d.value(),
                    d.se(), d.lo95(),
                    d.hi95(), d.significant() ? " *" : "", 100 * d.value() / ref));
        }
        return b.toString();
    }

    /** Coverage before and after calibration: every GNN run on all galaxies, then the best run by group. */
    private static String calibrationMarkdown(ExperimentResult r) {
        List<Calibration.Row> rows = Calibration.rows(r);
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("σ scaled by a temperature fitted on each fit's held-out slab (training"
                + " fold only); ideal 0.683 within 1σ and 0.954 within 2σ.\n\n");
        b.append("| model | scale | group | N | within 1σ raw → calibrated | within 2σ raw → calibrated |\n"
                + "|---|---:|---|---:|---:|---:|\n");
        ExperimentResult.Run best = null;
        for (Calibration.Row c : rows) {
            if (c.group().equals("all")) {
                b.append(row(c));
                best = best == null || r.rmse(c.run()) < r.rmse(best) ? c.run() : best;
            }
        }
        for (Calibration.Row c : rows) {
            if (c.run() == best && !c.group().equals("all")) {
                b.append(row(c));
            }
        }
        return b.append('\n').toString();
    }

    private static String row(Calibration.Row c) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %d | %.3f → %.3f | %.3f → %.3f |%n", c.run().model(),
                scaleLabel(c.run().model(), c.run().scaleMpc()), c.group(), c.n(), c.raw1(), c.cal1(), c.raw2(), c.cal2());
    }

    public static String latex(ExperimentResult r) {
        StringBuilder b = new StringBuilder();
        b.append("% cosmicweb experiment: out-of-fold metrics of log M*, all galaxies\n");
        b.append("% GNN: ").append(r.config().gnn().describe()).append("; graphs: ").append(r.config().graph().toJson())
                .append('\n');
        b.append(r.data().boxCount() > 1
                ? "% RMSE uncertainties: bootstrap over the " + r.data().boxCount() + " boxes ("
                + ExperimentRunner.BOOTSTRAP_RESAMPLES + " resamples)\n"
                : "% RMSE uncertainties: spatial block bootstrap (" + ExperimentRunner.BOOTSTRAP_RESAMPLES
                + " resamples of " + (int) ExperimentRunner.BOOTSTRAP_BLOCK_MPC + " Mpc blocks)\n");
        b.append("\\begin{tabular}{llrrrrrr}\n\\hline\n");
        b.append("Model & Scale [Mpc, or $k$] & RMSE & NMAD & MAE & $\\rho$ & $R^2$ & Bias \\\\\n\\hline\n");
        for (ExperimentResult.MetricRow m : subset(r, "all")) {
            Metrics x = m.metrics();
            b.append(String.format(Locale.ROOT, "%s & %s & $%.4f \\pm %.4f$ & %.4f & %.4f & %.4f & %.4f & %+.4f \\\\%n",
                    m.model().replace("_", "\\_"), Double.isNaN(m.scaleMpc()) ? "--" : scaleLabel(m.model(), m.scaleMpc()),
                    x.rmse(),
                    m.rmseSe(), x.nmad(), x.mae(), x.pearson(), x.r2(), x.bias()));
        }
        b.append("\\hline\n\\end{tabular}\n");
        return b.toString();
    }
}
