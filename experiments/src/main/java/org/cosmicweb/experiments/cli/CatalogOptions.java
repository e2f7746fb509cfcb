package org.cosmicweb.experiments.cli;

import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.experiments.ExperimentData;
import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.CatalogSource;
import org.cosmicweb.simulations.CatalogSuite;
import org.cosmicweb.simulations.CatalogSummary;
import org.cosmicweb.simulations.GraphNodes;
import org.cosmicweb.simulations.LoadedCatalog;
import org.cosmicweb.simulations.ParameterTable;
import org.cosmicweb.simulations.SubfindSource;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.SuiteSource;
import org.cosmicweb.simulations.TableSource;
import org.cosmicweb.simulations.TngLayout;
import org.cosmicweb.simulations.TngPairSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Options shared by every command that reads a catalog: exactly one source (a matched TNG pair, a
 * SUBFIND catalog, a subhalo table or a suite of boxes), the cuts, how graph nodes are chosen, and
 * a suite's parameter table and which of its parameters become node features.
 */
public final class CatalogOptions {
    @Option(names = "--tng", paramLabel = "DIR",
            description = "Folder holding the hydro and dark runs (e.g. TNG300-1 and TNG300-1-Dark), real or mock;"
                    + " with the dark run alone it is a dark-matter-only catalog (predict --graph-nodes dmo).")
    Path tng;

    @Option(names = "--subfind", paramLabel = "FILE|DIR",
            description = "One SUBFIND group catalog without a twin: CAMELS's groups_SSS.hdf5, fof_subhalo_tab_SSS.hdf5,"
                    + " chunks fof_subhalo_tab_SSS.N.hdf5, or a folder holding one. Hydro run: features from each"
                    + " subhalo itself; without star particles: a dark-matter-only run.")
    Path subfind;

    @Option(names = "--table", paramLabel = "FILE",
            description = "A subhalo table: CSV or CSV.gz with a header, mapped by --columns or the column flags.")
    Path table;

    @Option(names = "--suite", paramLabel = "GLOB",
            description = "Every file matching GLOB is one box of a suite (tables, or .hdf5 SUBFIND catalogs); quote it"
                    + " so the shell does not expand it, e.g. 'data/Astrid_SB7_*_groups_090_processed.csv.gz'.")
    String suite;

    @Option(names = "--suite-params", paramLabel = "FILE",
            description = "Parameter table of the suite in CAMELS's CosmoAstroSeed_*.txt format; each box is joined to"
                    + " the row whose name (e.g. SB7_12) appears in its file or folder name.")
    Path suiteParams;

    @Option(names = "--box-features", paramLabel = "all|none|NAMES",
            description = "Box parameters appended to every galaxy's features, for the GNN and the baselines alike:"
                    + " all (every parameter but the seed; the default with --suite-params), none (the default"
                    + " without), or names such as Omega_m,sigma_8,A_SN1.")
    String boxFeatures;

    @Option(names = "--graph-nodes", paramLabel = "selected|dmo",
            description = "Graph nodes: 'selected', the galaxies passing every cut (the reference; needs the hydro run),"
                    + " or 'dmo', every subhalo passing the dark-matter cuts, so that a model can be applied to a"
                    + " dark-matter-only run; only galaxies passing the stellar cuts are scored (default: selected).")
    String graphNodes;

    @Mixin
    TableOptions columns;

    @Option(names = "--config", paramLabel = "FILE.json",
            description = "Read option defaults from a JSON object such as {\"epochs\": 40}; flags given here win.")
    Path config;

    @Option(names = "--snapshot", description = "Snapshot number (default: 99 for --tng; for --subfind the only one"
            + " present).")
    Integer snapshot;

    @Option(names = "--hydro-run", defaultValue = TngLayout.DEFAULT_HYDRO,
            description = "Hydro run folder name (default: ${DEFAULT-VALUE}).")
    String hydroRun;

    @Option(names = "--dark-run", defaultValue = TngLayout.DEFAULT_DARK,
            description = "Dark run folder name (default: ${DEFAULT-VALUE}).")
    String darkRun;

    @Option(names = "--min-log-mstar", defaultValue = "9.0",
            description = "Keep galaxies with log10 M*/Msun above this (default: ${DEFAULT-VALUE}; range 0-13; tables"
                    + " too).")
    double minLogMstar;

    @Option(names = "--min-log-mhalo", defaultValue = "11.0",
            description = "Keep subhalos with log10 M_DM/Msun above this, in both runs of a pair (default:"
                    + " ${DEFAULT-VALUE}; range 0-16).")
    double minLogMhalo;

    @Option(names = "--min-star-particles", defaultValue = "50",
            description = "Keep galaxies with more star particles than this (default: ${DEFAULT-VALUE}; range >= 0;"
                    + " SUBFIND only).")
    int minStarParticles;

    public TngLayout layout(Path root) {
        return new TngLayout(root, hydroRun, darkRun, snapshot == null ? TngLayout.DEFAULT_SNAPSHOT : snapshot);
    }

    public CatalogCuts cuts() {
        OptionChecks.range("--min-log-mstar", minLogMstar, 0, false, 13, false);
        OptionChecks.range("--min-log-mhalo", minLogMhalo, 0, false, 16, false);
        OptionChecks.range("--min-star-particles", minStarParticles, 0, Integer.MAX_VALUE - 1);
        return new CatalogCuts(minLogMstar, minLogMhalo, minStarParticles, true);
    }

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /** Whether the person gave {@code option}, on the command line or in the --config file (not its default). */
    boolean given(String option) {
        return JsonDefaults.given(mixee, option);
    }

    /**
     * The mass cuts predict lists galaxies by: only those given (NaN for the others), so that a model
     * trained with looser cuts lists every galaxy of its graph unless a stricter cut is asked for.
     */
    org.cosmicweb.experiments.PredictJob.Listing listing() {
        return new org.cosmicweb.experiments.PredictJob.Listing(given("--min-log-mstar") ? minLogMstar : Double.NaN,
                given("--min-log-mhalo") ? minLogMhalo : Double.NaN);
    }

    /** Whether a source option was given. */
    boolean hasSource() {
        return tng != null || subfind != null || table != null || suite != null;
    }

    /** The graph-node choice given, or null. */
    GraphNodes graphNodesGiven() {
        return graphNodes == null ? null : GraphNodes.parse(graphNodes);
    }

    GraphNodes graphNodes() {
        return graphNodes == null ? GraphNodes.SELECTED : GraphNodes.parse(graphNodes);
    }

    /**
     * What the command reads, each named by its option: the catalog source (for --suite the folder
     * its pattern starts in), --suite-params, a --columns file and --config. An output may not be any
     * of them, lie inside one, or hold one.
     */
    public List<AtomicOutput.Input> inputs() {
        List<AtomicOutput.Input> in = new ArrayList<>();
        if (tng != null) {
            in.add(new AtomicOutput.Input("--tng", tng));
        }
        if (subfind != null) {
            in.add(new AtomicOutput.Input("--subfind", subfind));
        }
        if (table != null) {
            in.add(new AtomicOutput.Input("--table", table));
        }
        if (suite != null) {
            in.add(new AtomicOutput.Input("--suite", globBase(suite)));
        }
        if (suiteParams != null) {
            in.add(new AtomicOutput.Input("--suite-params", suiteParams));
        }
        Path columnsFile = columns.columnsFile();
        if (columnsFile != null) {
            in.add(new AtomicOutput.Input("--columns", columnsFile));
        }
        if (config != null) {
            in.add(new AtomicOutput.Input("--config", config));
        }
        return in;
    }

    /** The folder a glob's first pattern character lies in (the glob itself when it has none). */
    static Path globBase(String glob) {
        int star = glob.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = glob.indexOf(c);
            if (i >= 0) {
                star = Math.min(star, i);
            }
        }
        if (star == glob.length()) {
            return CosmicWebCli.path(glob);
        }
        int slash = glob.lastIndexOf('/', star);
        return CosmicWebCli.path(slash < 0 ? "." : slash == 0 ? "/" : glob.substring(0, slash));
    }

    /** Prints what a person should know about how the catalog was read (e.g. many-to-one matches). */
    static void warn(SubhaloCatalog c) {
        for (String w : CatalogSummary.warnings(c)) {
            System.err.println("warning: " + w);
        }
    }

    /** Checks that exactly one source is given. */
    private void checkOneSource() {
        List<String> given = new ArrayList<>();
        if (tng != null) {
            given.add("--tng");
        }
        if (subfind != null) {
            given.add("--subfind");
        }
        if (table != null) {
            given.add("--table");
        }
        if (suite != null) {
            given.add("--suite");
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException("--tng DIR is required (the folder holding " + hydroRun + " and " + darkRun
                    + "), or another source: --subfind FILE|DIR, --table FILE or --suite GLOB");
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException("give exactly one catalog source, not " + String.join(" and ", given));
        }
        if (tng != null && java.nio.file.Files.isRegularFile(tng)) {
            throw new IllegalArgumentException("--tng " + tng + " is a file; it names the folder holding " + hydroRun
                    + " and " + darkRun + " (a table is read with --table, one SUBFIND file with --subfind)");
        }
        if (table != null && columns.mapping() == null) {
            throw new IllegalArgumentException("--table needs a column mapping: --columns FILE.json (or the JSON itself),"
                    + " or the column flags --pos-columns, --pos-unit, --halo-mass, ...");
        }
        if (suiteParams != null && (tng != null || (subfind != null && !java.nio.file.Files.isRegularFile(subfind)))) {
            throw new IllegalArgumentException("--suite-params joins parameters to the box files of --suite, --table or"
                    + " a --subfind file; " + (tng != null ? "--tng" : "a --subfind folder") + " has none");
        }
        if (boxFeatures != null && suiteParams == null && !boxFeatures.equalsIgnoreCase("none")) {
            throw new IllegalArgumentException("--box-features " + boxFeatures + " needs --suite-params FILE");
        }
        refuseUnused();
    }

    /**
     * Options typed on the command line that the chosen source has no use for are refused, not ignored:
     * a table has no snapshots, runs or star-particle counts (a cut recorded in a model's provenance
     * would otherwise not have been applied), a SUBFIND catalog has no run folders, and TNG or SUBFIND
     * files no column mapping. A --config file may hold settings for other sources: those are unused.
     */
    private void refuseUnused() {
        String source = tng != null ? "--tng" : subfind != null ? "--subfind" : table != null ? "--table" : "--suite";
        List<String> unused = new ArrayList<>();
        boolean tables = table != null || suite != null && (typed("--snapshot") || typed("--min-star-particles"))
                && tablesOnly(suite);
        if (tables) {
            for (String o : new String[] {"--snapshot", "--hydro-run", "--dark-run", "--min-star-particles"}) {
                if (typed(o)) {
                    unused.add(o);
                }
            }
        } else if (subfind != null || suite != null) {
            for (String o : new String[] {"--hydro-run", "--dark-run"}) {
                if (typed(o)) {
                    unused.add(o);
                }
            }
        }
        if ((tng != null || subfind != null)
                && TableOptions.NAMES.stream().anyMatch(o -> typed("--" + o))) {
            unused.add("--columns (or the column flags)");
        }
        if (!unused.isEmpty()) {
            String why = tables ? " (a table has no snapshots, run folders or star particle counts)"
                    : unused.get(unused.size() - 1).startsWith("--columns") ? " (HDF5 files say their own units)" : "";
            throw new IllegalArgumentException(String.join(", ", unused) + (unused.size() > 1 ? " do" : " does")
                    + " not apply to " + source + (table == null && tables ? " of tables" : "") + why + "; leave "
                    + (unused.size() > 1 ? "them" : "it") + " out");
        }
    }

    /** Whether every file the suite's glob matches is a table (no .hdf5 SUBFIND catalog, whose star particles count). */
    static boolean tablesOnly(String glob) {
        // (A glob that matches nothing is refused by expand.)
        return org.cosmicweb.simulations.SuiteSource.expand(glob).stream()
                .noneMatch(f -> f.getFileName().toString().endsWith(".hdf5"));
    }

    /** Whether {@code option} is on the command line (not only in a --config file). */
    private boolean typed(String option) {
        return JsonDefaults.onCommandLine(mixee, option);
    }

    /** The single source (not a suite). */
    CatalogSource source() {
        checkOneSource();
        if (tng != null) {
            return new TngPairSource(layout(tng));
        }
        if (subfind != null) {
            return new SubfindSource(subfind, snapshot);
        }
        if (table != null) {
            return new TableSource(table, columns.mapping());
        }
        throw new IllegalArgumentException("--suite reads several boxes; this command works on one catalog (--tng,"
                + " --subfind or --table)");
    }

    /** Whether the data is read as a suite: several boxes, or one box with a parameter table. */
    boolean isSuite() {
        return suite != null || suiteParams != null;
    }

    /** The boxes of --suite (or the one box of --table/--subfind with --suite-params). */
    CatalogSuite loadSuite(GraphNodes nodes, CatalogCuts cuts) {
        checkOneSource();
        String glob = suite != null ? suite : table != null ? table.toString() : subfind.toString();
        return new SuiteSource(glob, columns.mapping(), suiteParams, snapshot).load(cuts, nodes);
    }

    /** Loads the galaxies (and other nodes) of a single source with the options' cuts and graph nodes. */
    public LoadedCatalog load() {
        LoadedCatalog c = source().load(cuts(), graphNodes());
        warn(c.galaxies());
        return c;
    }

    /**
     * The data every model reads. {@code boxFeatureNames}, when not null, overrides --box-features
     * (a saved model knows its own).
     */
    ExperimentData data(GraphNodes nodes, CatalogCuts cuts, List<String> boxFeatureNames) {
        if (boxFeatureNames != null && given("--box-features") && !sameBoxFeatures(boxFeatureNames)) {
            System.err.println("warning: --box-features " + boxFeatures + " is not used: a saved model reads the box"
                    + " features it was trained on (" + (boxFeatureNames.isEmpty() ? "none"
                    : String.join(",", boxFeatureNames)) + ")");
        }
        if (!isSuite()) {
            if (boxFeatureNames != null && !boxFeatureNames.isEmpty()) {
                throw new IllegalArgumentException("the model was trained with the box parameters " + boxFeatureNames
                        + " as features: give the catalog's parameter table with --suite-params");
            }
            LoadedCatalog c = source().load(cuts, nodes);
            warn(c.galaxies());
            return new ExperimentData(c);
        }
        CatalogSuite s = loadSuite(nodes, cuts);
        List<String> features = boxFeatureNames != null ? boxFeatureNames : boxFeatures(s.parameters());
        if (s.parameters() != null) {
            features.forEach(s.parameters()::column);
        }
        System.err.printf(java.util.Locale.ROOT, "catalog: %d boxes, %d galaxies loaded in %.1f s%s%n", s.boxes().size(),
                s.galaxies(), s.seconds(), s.skipped().isEmpty() ? ""
                        : "; " + s.skipped().size() + " box" + (s.skipped().size() == 1 ? "" : "es") + " without a"
                        + " galaxy passing the cuts left out (" + String.join(", ", s.skipped().subList(0,
                        Math.min(5, s.skipped().size()))) + (s.skipped().size() > 5 ? ", ..." : "") + ")");
        return ExperimentData.suite(s, features);
    }

    /** Whether --box-features names exactly {@code names} ("none" for none, "all" for the parameter table's). */
    private boolean sameBoxFeatures(List<String> names) {
        String v = boxFeatures.strip();
        if (v.equalsIgnoreCase("none")) {
            return names.isEmpty();
        }
        if (v.equalsIgnoreCase("all")) {
            return suiteParams != null && ParameterTable.read(suiteParams).physicalNames().equals(names);
        }
        return named(v).equals(names);
    }

    /** The parameter names a --box-features list gives, in order; an empty list or a name given twice is refused. */
    private static List<String> named(String v) {
        List<String> names = Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--box-features takes all, none or parameter names such as"
                    + " Omega_m,sigma_8, got '" + v + "'");
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.indexOf(names.get(i)) != i) {
                throw new IllegalArgumentException("--box-features names " + names.get(i) + " twice ('" + v + "')");
            }
        }
        return names;
    }

    /** --box-features resolved against the parameter table. */
    List<String> boxFeatures(ParameterTable params) {
        String v = boxFeatures == null ? (params == null ? "none" : "all") : boxFeatures.strip();
        if (v.equalsIgnoreCase("none")) {
            return List.of();
        }
        if (params == null) {
            throw new IllegalArgumentException("--box-features " + v + " needs --suite-params FILE");
        }
        if (v.equalsIgnoreCase("all")) {
            return params.physicalNames();
        }
        List<String> names = named(v);
        names.forEach(params::column);
        return names;
    }
}
