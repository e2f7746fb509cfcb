package org.cosmicweb.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Json;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.gnn.StepEngine;
import org.cosmicweb.simulations.CatalogCuts;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The {@code train} command's job: one network trained on every galaxy of a catalog (a held-out
 * slab of them picks the best epoch) and saved with its provenance. In order: the output is opened
 * (refused if it is not this program's, lies in an input or is locked by another run; its folder
 * checked writable), the catalog loaded, every cheap check made (targets, the linking length and the
 * receptive field against half the box, enough galaxies), and only then does training start.
 *
 * @param graph    the graph the network reads
 * @param settings architecture and training (one network: {@code --ensemble 1})
 * @param cuts     the catalog's cuts, recorded in the model so that predict builds its graph the same way
 * @param out      the model file
 * @param inputs   what the command reads (the output may not be any of them)
 */
public record TrainJob(GraphSpec graph, GnnSettings settings, long seed, StepEngine.Factory backend, CatalogCuts cuts, Path out,
                       List<AtomicOutput.Input> inputs) {
    /** Provenance keys of the cuts a model was trained with. */
    public static final String CUT_MIN_LOG_MSTAR = "cut_min_log_mstar";
    public static final String CUT_MIN_LOG_MHALO = "cut_min_log_mhalo";
    public static final String CUT_MIN_STAR_PARTICLES = "cut_min_star_particles";
    /** Provenance key: SHA-256 of the training catalog's selected galaxies ({@link ReportWriter#catalogChecksum}). */
    public static final String CATALOG_SHA256 = "catalog_sha256";
    /** Fewest galaxies a network can be trained on: enough on both sides of its held-out slab. */
    static final int MIN_GALAXIES = 2 * HeldOutBlock.MIN_GALAXIES;

    public TrainJob {
        if (settings.members() != 1) {
            throw new IllegalArgumentException("train saves one network; use --ensemble 1 (the experiment runs ensembles)");
        }
    }

    /** Runs the job; returns the one-line summary that the command prints. */
    public ObjectNode run(Supplier<ExperimentData> load, Progress progress) {
        try (AtomicOutput output = AtomicOutput.open(TrainedModel.target(out).inputs(inputs))) {
            ExperimentData data = load.get();
            data.requireTargets("train");
            check(data);
            GnnGalaxyModel model = new GnnGalaxyModel(graph, settings, seed, 256L << 10,
                    (e, n, tl, vl, lr) -> progress.update("train: epoch", e + 1, n,
                            String.format(Locale.ROOT, "train NLL %.3f, held-out NLL %.3f", tl, vl)))
                    .on(backend);
            GnnGalaxyModel.FittedGnn fitted = model.fit(data, IntStream.range(0, data.size()).toArray(), new int[0]);
            TrainedModel t = fitted.trained();
            // The cuts travel with the model: they chose its graph nodes, and predict chooses them the same way.
            Map<String, String> prov = new TreeMap<>(t.provenance());
            prov.put(CUT_MIN_LOG_MSTAR, Double.toString(cuts.minLogMstarMsun()));
            prov.put(CUT_MIN_LOG_MHALO, Double.toString(cuts.minLogMhaloMsun()));
            prov.put(CUT_MIN_STAR_PARTICLES, Integer.toString(cuts.minStarParticles()));
            prov.put(CATALOG_SHA256, ReportWriter.catalogChecksum(data));
            t.withProvenance(prov).save(output);
            ObjectNode s = Json.object();
            s.put("model", out.toString());
            s.put("galaxies", data.size());
            s.put("nodes", data.nodeCount());
            s.put("graph_nodes", data.graphNodes().key());
            s.put("boxes", data.boxCount());
            if (graph.kind() == GraphSpec.Kind.KNN) {
                s.put("k", (int) graph.scale());
            } else {
                s.put("linking_length_mpc", graph.scale());
            }
            s.put("parameters", t.model().parameterCount());
            s.put("best_epoch", Integer.parseInt(t.provenance().getOrDefault("best_epoch", "0")));
            return s;
        }
    }

    /** The checks that need the catalog but no training. */
    void check(ExperimentData data) {
        if (data.size() < MIN_GALAXIES) {
            throw new IllegalArgumentException("train needs at least " + MIN_GALAXIES + " galaxies (" + HeldOutBlock.MIN_GALAXIES
                    + " to train on and " + HeldOutBlock.MIN_GALAXIES + " held out to pick the best epoch); "
                    + data.size() + " of " + data.catalog.source() + " pass the cuts");
        }
        data.checkProjection(graph);
        if (graph.kind() == GraphSpec.Kind.KNN) {
            if (graph.scale() >= data.nodeCount()) {
                throw new IllegalArgumentException("--k " + (int) graph.scale() + " needs more than " + (int) graph.scale()
                        + " graph nodes; " + data.catalog.source() + " has " + data.nodeCount());
            }
        } else {
            data.checkReceptiveField("--linking-length", graph.scale(), settings.layers());
        }
    }
}
