package org.cosmicweb.experiments;

import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.IoErrors;
import org.cosmicweb.common.Numbers;
import org.cosmicweb.common.OutputException;

import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;
import org.cosmicweb.simulations.mock.EnvironmentModel;
import org.cosmicweb.simulations.mock.MockUniverse;
import org.cosmicweb.simulations.mock.MockUniverseConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GNN against its baselines on many universes: for every environment model and seed, the
 * experiment on the mock of that model and seed (generated once under a folder), then a table per
 * environment model of each model's RMSE averaged over seeds and, for every GNN run, its paired
 * differences against boost_noenv, boost_overdensity_all and the best baseline of each universe,
 * with how many universes put the difference's 95 % interval wholly on one side of zero. This is
 * how the README's accuracy claims and the GNN's defaults are checked ({@code cosmicweb bench accuracy}).
 */
public final class AccuracyStudy {
    /** One model run in one universe. */
    public record Row(EnvironmentModel environment, long seed, String model, double scaleMpc, double rmse, double rmseSe,
                      double noiseFloor, BlockBootstrap.Difference vsNoEnv, BlockBootstrap.Difference vsOverdensityAll,
                      BlockBootstrap.Difference vsBest, String bestBaseline, double seconds) {
        String column() {
            return new ExperimentResult.Run(model, scaleMpc, null, null, 0).column();
        }
    }

    private final Path mockDir;
    private final double boxMpch;
    private final ExperimentConfig base;
    private final Progress progress;

    /**
     * @param base the experiment's settings; its seed is replaced by each universe's seed
     */
    public AccuracyStudy(Path mockDir, double boxMpch, ExperimentConfig base, Progress progress) {
        this.mockDir = mockDir;
        this.boxMpch = boxMpch;
        this.base = base;
        this.progress = progress;
    }

    /**
     * The study's configuration as one CSV field (no commas): the GNN's settings, the mock's box and
     * generator version, the edge features' names, and the experiment's scales, folds, padding and boosting
     * rounds. Rows of one CSV share it, so universes drawn by another version of the generator, or networks
     * that read other edge features, are never averaged with these.
     */
    public String configKey() {
        String edges = String.join(" ", org.cosmicweb.graph.EdgeFeature.keys());
        return String.format(Locale.ROOT, "gnn %s; box %s Mpc/h; D %s; R %s; %d folds; pad %s Mpc; boost rounds %d;"
                        + " edge features %s; mock %s", base.gnn().describe(), Numbers.plain(boxMpch),
                scales(base.linkingLengthsMpc()), scales(base.radiiMpc()), base.folds(), Numbers.plain(base.padMpc()),
                base.boostRounds(), edges, MockUniverse.GENERATOR).replace(',', ';');
    }

    private static String scales(double[] xs) {
        return java.util.Arrays.stream(xs).mapToObj(Numbers::plain).collect(java.util.stream.Collectors.joining(" "));
    }

    /** Runs one universe and returns its rows. */
    public List<Row> universe(EnvironmentModel env, long seed) {
        MockUniverseConfig mock = MockUniverseConfig.defaults(seed).withBox(boxMpch).withEnvironment(env);
        Path dir = EmbeddedMock.ensure(mockDir, mock);
        SubhaloCatalog cat = TngCatalogLoader.load(TngLayout.of(dir), CatalogCuts.LITERATURE);
        ExperimentConfig cfg = base.withSeed(seed); // every setting of the base, its graph choice included
        ExperimentData data = new ExperimentData(cat);
        ExperimentResult r = new ExperimentRunner(cfg, progress).run(data);
        BlockBootstrap boot = ExperimentRunner.bootstrap(data, seed);
        ExperimentResult.Run noenv = find(r, "boost_noenv");
        ExperimentResult.Run all = find(r, "boost_overdensity_all");
        ExperimentResult.Run best = null;
        for (ExperimentResult.Run run : r.runs()) {
            if (!ExperimentResult.isGnn(run) && !Double.isNaN(r.rmse(run)) && (best == null || r.rmse(run) < r.rmse(best))) {
                best = run;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (ExperimentResult.Run run : r.runs()) {
            ExperimentResult.MetricRow m = r.row(run, "all");
            rows.add(new Row(env, seed, run.model(), run.scaleMpc(), m.metrics().rmse(), m.rmseSe(),
                    cat.noiseFloorDex(), diff(boot, data, run, noenv), diff(boot, data, run, all),
                    diff(boot, data, run, best), best == null ? "" : best.column(), run.seconds()));
        }
        return rows;
    }

    private static ExperimentResult.Run find(ExperimentResult r, String model) {
        for (ExperimentResult.Run run : r.runs()) {
            if (run.model().equals(model)) {
                return run;
            }
        }
        return null;
    }

    private static BlockBootstrap.Difference diff(BlockBootstrap boot, ExperimentData data, ExperimentResult.Run a,
                                                  ExperimentResult.Run b) {
        return b == null ? null : boot.difference(a.mean(), b.mean(), data.target, null);
    }

    public static final String CSV_HEADER = "environment,seed,model,scale,rmse,rmse_se,noise_floor,best_baseline,"
            + "d_noenv,d_noenv_lo95,d_noenv_hi95,d_odall,d_odall_lo95,d_odall_hi95,d_best,d_best_lo95,d_best_hi95,seconds,config";

    /**
     * Appends rows to the study's CSV: the old rows and the new ones are written together through
     * {@link AtomicOutput} (a kill leaves the file as it was), and a file whose first line is not
     * {@link #CSV_HEADER} is not this study's and is refused.
     */
    public static void appendCsv(Path csv, List<Row> rows, String config) {
        try (AtomicOutput out = AtomicOutput.open(csvTarget(csv))) {
            String before;
            try {
                before = Files.exists(out.path()) ? Files.readString(out.path(), StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new OutputException("cannot read --csv " + csv + ": " + IoErrors.describe(e), e);
            }
            StringBuilder b = new StringBuilder(before.isEmpty() ? CSV_HEADER + "\n" : before);
            if (b.charAt(b.length() - 1) != '\n') {
                b.append('\n');
            }
            for (Row r : rows) {
                b.append(csvLine(r)).append(',').append(config).append('\n');
            }
            out.write(f -> Files.writeString(f, b, StandardCharsets.UTF_8));
        }
    }

    private static AtomicOutput.Target csvTarget(Path csv) {
        return AtomicOutput.Target.file(csv, "accuracy-study CSV", AccuracyStudy::isStudyCsv).option("--csv");
    }

    /**
     * Before any universe runs: the CSV can be written (a new file, or this study's), its rows are of
     * this configuration, and it holds no row yet for any of these universes (environment, seed). One
     * CSV is one configuration: rows of a universe run twice, perhaps with other settings, would be
     * averaged as two universes.
     */
    public static void checkCsv(Path csv, List<EnvironmentModel> envs, List<Long> seeds, String config) {
        try (AtomicOutput out = AtomicOutput.open(csvTarget(csv))) {
            if (!Files.exists(out.path())) {
                return;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(out.path(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new OutputException("cannot read --csv " + csv + ": " + IoErrors.describe(e), e);
            }
            for (int l = 1; l < lines.size(); l++) {
                String theirs = lines.get(l).substring(lines.get(l).lastIndexOf(',') + 1);
                if (!theirs.equals(config)) {
                    throw new IllegalArgumentException("--csv " + csv + " holds rows of another configuration (line "
                            + (l + 1) + ": " + theirs + "; this run: " + config + "): one CSV holds one configuration,"
                            + " whose universes are averaged together; choose another --csv");
                }
                String[] f = lines.get(l).split(",", 3);
                for (EnvironmentModel env : envs) {
                    for (long seed : seeds) {
                        if (f.length == 3 && f[0].equals(env.key()) && f[1].equals(Long.toString(seed))) {
                            throw new IllegalArgumentException("--csv " + csv + " already holds " + env.key() + " seed "
                                    + seed + " (line " + (l + 1) + "): one CSV holds one configuration, each universe"
                                    + " once; choose another --csv, or other --seeds (to finish an interrupted study, give"
                                    + " --environments and --seeds of the universes it lacks)");
                        }
                    }
                }
            }
        }
    }

    /** A study's CSV read back: its rows and the configuration they share. */
    public record Csv(List<Row> rows, String config) {
    }

    /**
     * The rows of a study's CSV, as {@link #summary} takes them (the paired differences without their
     * SE, which the CSV does not hold): to summarise a study that was interrupted, or grown over
     * several runs. A file that is not this study's, or a malformed line, is refused with its line.
     */
    public static Csv readCsv(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutputException("cannot read " + csv + ": " + IoErrors.describe(e), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(CSV_HEADER)) {
            throw new IllegalArgumentException(csv + " is not a bench accuracy CSV (its first line is not the header"
                    + " bench accuracy --csv writes)");
        }
        int columns = CSV_HEADER.split(",").length;
        List<Row> rows = new ArrayList<>();
        String config = null;
        for (int l = 1; l < lines.size(); l++) {
            if (lines.get(l).isBlank()) {
                continue;
            }
            String[] f = lines.get(l).split(",", -1);
            if (f.length != columns) {
                throw new IllegalArgumentException(csv + " line " + (l + 1) + " has " + f.length + " fields, expected "
                        + columns);
            }
            if (config != null && !config.equals(f[columns - 1])) {
                throw new IllegalArgumentException(csv + " line " + (l + 1) + " is of another configuration ("
                        + f[columns - 1] + ") than line 2 (" + config + "): one CSV holds one configuration");
            }
            config = f[columns - 1];
            try {
                rows.add(new Row(EnvironmentModel.parse(f[0]), Long.parseLong(f[1]), f[2], number(f[3]), number(f[4]),
                        number(f[5]), number(f[6]), difference(f, 8), difference(f, 11), difference(f, 14), f[7],
                        number(f[17])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(csv + " line " + (l + 1) + ": " + e.getMessage(), e);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(csv + " holds no universe yet");
        }
        return new Csv(rows, config);
    }

    private static double number(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    /** Columns k, k+1, k+2: value, lo95, hi95 (all empty: no such comparison). */
    private static BlockBootstrap.Difference difference(String[] f, int k) {
        return f[k].isEmpty() ? null : new BlockBootstrap.Difference(number(f[k]), Double.NaN, number(f[k + 1]),
                number(f[k + 2]));
    }

    static boolean isStudyCsv(Path f) {
        try (java.io.BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            return CSV_HEADER.equals(r.readLine());
        } catch (IOException e) {
            return false;
        }
    }

    public static String csvLine(Row r) {
        return String.join(",", r.environment().key(), Long.toString(r.seed()), r.model(), Tables.scale(r.scaleMpc()),
                f(r.rmse()), f(r.rmseSe()), f(r.noiseFloor()), r.bestBaseline(), d(r.vsNoEnv()), d(r.vsOverdensityAll()),
                d(r.vsBest()), String.format(Locale.ROOT, "%.1f", r.seconds()));
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.5f", v);
    }

    private static String d(BlockBootstrap.Difference x) {
        return x == null ? ",," : f(x.value()) + "," + f(x.lo95()) + "," + f(x.hi95());
    }

    /**
     * Markdown summary, one table per environment model: mean RMSE over universes ± its standard
     * error (spread over seeds / √n), mean RMSE over the noise floor, and for GNN runs the mean paired
     * differences, with "w/l" = universes where the 95 % interval is wholly below / above zero.
     */
    public static String summary(List<Row> rows) {
        Map<EnvironmentModel, Map<String, List<Row>>> byEnv = new LinkedHashMap<>();
        for (Row r : rows) {
            byEnv.computeIfAbsent(r.environment(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.column(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<EnvironmentModel, Map<String, List<Row>>> e : byEnv.entrySet()) {
            int universes = e.getValue().values().iterator().next().size();
            b.append(String.format(Locale.ROOT, "#### %s (%d universe%s)%n%n", e.getKey().key(), universes,
                    universes == 1 ? "" : "s"));
            b.append("| model | RMSE (mean ± SE over universes) | RMSE / floor | Δ vs boost_noenv (w/l) |"
                    + " Δ vs boost_overdensity_all (w/l) | Δ vs best baseline (w/l) |\n");
            b.append("|---|---:|---:|---:|---:|---:|\n");
            for (Map.Entry<String, List<Row>> m : e.getValue().entrySet()) {
                List<Row> rs = m.getValue();
                double[] rmse = rs.stream().mapToDouble(Row::rmse).toArray();
                double[] ratio = rs.stream().mapToDouble(r -> r.rmse() / r.noiseFloor()).toArray();
                boolean gnn = rs.get(0).model().startsWith("gnn");
                b.append(String.format(Locale.ROOT, "| %s | %.4f ± %.4f%s | %.3f | %s | %s | %s |%n", m.getKey(), mean(rmse),
                        rs.size() > 1 ? BlockBootstrap.sd(rmse) / Math.sqrt(rs.size()) : rs.get(0).rmseSe(),
                        rs.size() > 1 ? "" : " (bootstrap, one universe)", mean(ratio),
                        gnn ? wins(rs, Row::vsNoEnv) : "", gnn ? wins(rs, Row::vsOverdensityAll) : "",
                        gnn ? wins(rs, Row::vsBest) : ""));
            }
            b.append('\n');
        }
        b.append("Best baseline: in each universe, the baseline with the lowest RMSE there (chosen on the same galaxies"
                + " it is scored on); Δ pairs each universe's GNN with that universe's best. w/l: universes whose 95 %"
                + " block-bootstrap interval lies wholly below / above zero.\n");
        return b.toString();
    }

    private static String wins(List<Row> rs, java.util.function.Function<Row, BlockBootstrap.Difference> f) {
        double sum = 0;
        int n = 0;
        int w = 0;
        int l = 0;
        for (Row r : rs) {
            BlockBootstrap.Difference d = f.apply(r);
            if (d != null) {
                sum += d.value();
                n++;
                w += d.hi95() < 0 ? 1 : 0;
                l += d.lo95() > 0 ? 1 : 0;
            }
        }
        return n == 0 ? "" : String.format(Locale.ROOT, "%+.4f (%d/%d)", sum / n, w, l);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
