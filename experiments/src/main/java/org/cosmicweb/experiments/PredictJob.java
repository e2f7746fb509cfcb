package org.cosmicweb.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Json;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.GraphNodes;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The {@code predict} command's job: a saved network applied to a catalog, its graph rebuilt the way
 * the model records (graph kind and scale, graph nodes, cuts), every galaxy's log M* and σ written to
 * a CSV. The model must have been trained on the same node and edge features, by name; cuts on the
 * command line that differ from the model's are reported. The CSV is an {@link AtomicOutput} opened
 * before the catalog is read, so that an output equal to the model, or inside an input, is refused
 * before any work.
 */
public final class PredictJob {
    /** The header of every predictions file; a suite adds a box column in front. */
    public static final String CSV_HEADER = "dark_subhalo_id,hydro_subhalo_id,log_mstar_true,log_mstar_pred,sigma";

    /** Loads the catalog the way the model needs it. */
    @FunctionalInterface
    public interface Loader {
        /**
         * @param boxFeatures the suite parameters the model reads as node features after the halo's
         *                    own, possibly none
         */
        ExperimentData load(GraphNodes nodes, CatalogCuts cuts, List<String> boxFeatures);
    }

    private PredictJob() {
    }

    /** The predictions file as an output: an existing file is replaced only if it is a predictions file of this program. */
    public static AtomicOutput.Target target(Path csv) {
        return AtomicOutput.Target.file(csv, "predictions file (CSV)", PredictJob::isPredictionsFile);
    }

    /**
     * A predictions file this program wrote: its first line is exactly the header it writes (with or
     * without the suite's box column). A table that merely starts with these columns, or a predictions
     * file a person added a column to, is someone's own and is never replaced.
     */
    static boolean isPredictionsFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(CSV_HEADER.length() + 6), StandardCharsets.UTF_8);
            int eol = head.indexOf('\n');
            String first = eol < 0 ? null : head.substring(0, eol);
            return CSV_HEADER.equals(first) || ("box," + CSV_HEADER).equals(first);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Mass cuts that choose which galaxies of the model's graph are listed and scored: NaN for a cut
     * the person did not give (every galaxy of the graph is listed then).
     */
    public record Listing(double minLogMstarMsun, double minLogMhaloMsun) {
        String describe() {
            List<String> s = new ArrayList<>();
            if (!Double.isNaN(minLogMstarMsun)) {
                s.add("--min-log-mstar " + minLogMstarMsun);
            }
            if (!Double.isNaN(minLogMhaloMsun)) {
                s.add("--min-log-mhalo " + minLogMhaloMsun);
            }
            return String.join(", ", s);
        }
    }

    /**
     * @param askedNodes --graph-nodes as given, or null
     * @param askedCuts  the cuts of the command line
     * @param listing    the mass cuts the person gave, which choose the galaxies listed
     * @param warn       receives what a person should know (cuts that differ from the model's)
     */
    public static ObjectNode run(Path modelFile, Path out, List<AtomicOutput.Input> inputs, GraphNodes askedNodes,
                                 CatalogCuts askedCuts, Listing listing, Loader loader, Consumer<String> warn) {
        ModelOnCatalog.requireFile(modelFile);
        try (AtomicOutput output = AtomicOutput.open(target(out).inputs(inputs))) {
            ModelOnCatalog m = ModelOnCatalog.load(modelFile, askedNodes, askedCuts, loader, warn);
            TrainedModel trained = m.trained();
            GraphSpec graph = m.graph();
            GraphNodes nodes = m.nodes();
            ExperimentData data = m.data();
            int[] rows = IntStream.range(0, data.size()).toArray();
            GalaxyModel.Prediction p = new GnnGalaxyModel.FittedGnn(List.of(trained), graph, 256L << 10).predict(data, rows);
            int[] listed = listed(data, listing, "predict", "listed (nor scored)", warn);
            output.write(file -> writeCsv(file, data, p, listed));
            double rmse = data.darkOnly() ? Double.NaN : Metrics.of(pick(p.mean(), listed), pick(data.target, listed)).rmse();
            ObjectNode s = Json.object();
            s.put("out", out.toString());
            s.put("galaxies", listed.length);
            s.put("nodes", data.nodeCount());
            s.put("graph_nodes", nodes.key());
            s.put("boxes", data.boxCount());
            if (graph.kind() == GraphSpec.Kind.KNN) {
                s.put("k", (int) graph.scale());
            } else {
                s.put("linking_length_mpc", graph.scale());
            }
            Json.put(s, "rmse", rmse, 4);
            return s;
        }
    }

    /**
     * The cuts are the model's own (recorded by train): the dark-matter cut chooses the graph nodes,
     * the stellar cuts the galaxies the model learned from (for dmo nodes too: a galaxy below the
     * training cut would be an extrapolation). A stricter cut given on the command line still narrows
     * what is listed ({@link Listing}). Cuts of the command line that differ are reported.
     */
    static CatalogCuts modelCuts(Map<String, String> prov, GraphNodes nodes, CatalogCuts asked, Consumer<String> warn) {
        double mhalo = number(prov, TrainJob.CUT_MIN_LOG_MHALO, asked.minLogMhaloMsun());
        double mstar = number(prov, TrainJob.CUT_MIN_LOG_MSTAR, asked.minLogMstarMsun());
        int stars = (int) number(prov, TrainJob.CUT_MIN_STAR_PARTICLES, asked.minStarParticles());
        CatalogCuts cuts = new CatalogCuts(mstar, mhalo, stars, asked.requireFlag());
        // With dmo nodes the stellar cuts matter only where the catalog has stellar masses: ModelOnCatalog
        // reports them once it knows.
        List<String> differ = differences(cuts, asked, true, nodes == GraphNodes.SELECTED);
        if (!differ.isEmpty()) {
            warn.accept("warning: the model was trained with other cuts than this command line's: "
                    + String.join(", ", differ) + ". Its graph and its galaxies are chosen with the model's cuts, as in"
                    + " training: galaxies outside them get no prediction" + (nodes == GraphNodes.DMO ? "" : " and are"
                    + " not in its graph"));
        }
        return cuts;
    }

    /** The halo and/or stellar cuts of the command line that differ from the model's, as "--option asked (model: value)". */
    static List<String> differences(CatalogCuts cuts, CatalogCuts asked, boolean halo, boolean stellar) {
        List<String> differ = new ArrayList<>();
        if (halo && cuts.minLogMhaloMsun() != asked.minLogMhaloMsun()) {
            differ.add("--min-log-mhalo " + asked.minLogMhaloMsun() + " (model: " + cuts.minLogMhaloMsun() + ")");
        }
        if (stellar && cuts.minLogMstarMsun() != asked.minLogMstarMsun()) {
            differ.add("--min-log-mstar " + asked.minLogMstarMsun() + " (model: " + cuts.minLogMstarMsun() + ")");
        }
        if (stellar && cuts.minStarParticles() != asked.minStarParticles()) {
            differ.add("--min-star-particles " + asked.minStarParticles() + " (model: " + cuts.minStarParticles() + ")");
        }
        return differ;
    }

    private static double number(Map<String, String> prov, String key, double fallback) {
        String v = prov.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the model records " + key + " = '" + v + "', not a number");
        }
    }

    /**
     * The galaxies listed and scored: those of the model's graph that also pass the mass cuts given
     * (a stricter cut leaves galaxies out of the output, never out of the graph their neighbours'
     * messages come from). The star-particle cut cannot be applied again here: the catalog keeps no
     * particle counts.
     */
    static int[] listed(ExperimentData data, Listing listing, String command, String leftOut, Consumer<String> warn) {
        if (data.darkOnly() && !Double.isNaN(listing.minLogMstarMsun())) {
            warn.accept(command + ": " + data.catalog.source() + " is a dark-matter-only run and has no stellar masses:"
                    + " --min-log-mstar " + listing.minLogMstarMsun() + " chooses nothing here, every node is kept");
        }
        int[] listed = listed(data, listing);
        if (listed.length < data.size()) {
            warn.accept(command + ": " + (data.size() - listed.length) + " of the " + data.size() + " galaxies of the"
                    + " model's graph fail " + listing.describe() + " and are not " + leftOut + "; they still send"
                    + " messages to their neighbours");
        }
        return listed;
    }

    static int[] listed(ExperimentData data, Listing listing) {
        return IntStream.range(0, data.size())
                .filter(i -> Double.isNaN(listing.minLogMhaloMsun()) || data.catalog.logMhaloMsun()[i] > listing.minLogMhaloMsun())
                .filter(i -> Double.isNaN(listing.minLogMstarMsun()) || Double.isNaN(data.target[i])
                        || data.target[i] > listing.minLogMstarMsun())
                .toArray();
    }

    private static double[] pick(double[] v, int[] rows) {
        return java.util.Arrays.stream(rows).mapToDouble(i -> v[i]).toArray();
    }

    /** One row per listed galaxy: ids, true log M* (empty when the catalog has none), prediction and σ. */
    static void writeCsv(Path file, ExperimentData data, GalaxyModel.Prediction p, int[] listed) throws IOException {
        boolean suite = data.boxCount() > 1;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write((suite ? "box," : "") + CSV_HEADER + "\n");
            for (int i : listed) {
                String truth = Double.isNaN(data.target[i]) ? "" : String.format(Locale.ROOT, "%.5f", data.target[i]);
                w.write(String.format(Locale.ROOT, "%s%d,%d,%s,%.5f,%.5f%n",
                        suite ? data.boxes().get(data.boxOfNode()[i]).name() + "," : "", data.catalog.darkIds()[i],
                        data.catalog.hydroIds()[i], truth, p.mean()[i], p.sigma()[i]));
            }
        }
    }
}
