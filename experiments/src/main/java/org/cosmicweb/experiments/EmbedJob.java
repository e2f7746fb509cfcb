package org.cosmicweb.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Json;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.GraphNodes;
import org.cosmicweb.simulations.mock.EnvironmentTerms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code embed} command's job: every galaxy's environment vector under a trained network,
 * written to HDF5 ({@link EnvironmentEmbedding}); the output is opened (checked, locked) first.
 */
public record EmbedJob(Path modelFile, Path out, List<AtomicOutput.Input> inputs, Path mockTerms) {
    public EmbedJob(Path modelFile, Path out, List<AtomicOutput.Input> inputs) {
        this(modelFile, out, inputs, null);
    }

    /**
     * Loads the catalog the way the model was trained (its graph nodes, cuts and features, as
     * {@code predict} does) and writes every galaxy's environment vector.
     *
     * @param askedNodes --graph-nodes as given, or null
     * @param askedCuts  the cuts of the command line
     * @param listing    the mass cuts the person gave, which choose the galaxies written (as for predict)
     * @param warn       receives what a person should know (cuts that differ from the model's)
     */
    public ObjectNode run(PredictJob.Loader loader, GraphNodes askedNodes, CatalogCuts askedCuts,
                          PredictJob.Listing listing, Consumer<String> warn) {
        ModelOnCatalog.requireFile(modelFile);
        try (AtomicOutput output = AtomicOutput.open(EnvironmentEmbedding.target(out).inputs(inputs))) {
            ModelOnCatalog m = ModelOnCatalog.load(modelFile, askedNodes, askedCuts, loader, warn);
            TrainedModel trained = m.trained();
            GraphSpec graph = m.graph();
            ExperimentData data = m.data();
            EnvironmentEmbedding.Table t = EnvironmentEmbedding.compute(data, trained, graph, 256L << 10);
            if (mockTerms != null && Files.isRegularFile(mockTerms)) {
                EnvironmentEmbedding.addMockTerms(t, data.catalog.darkIds(), EnvironmentTerms.readFields(mockTerms),
                        mockTerms);
            }
            int[] listed = PredictJob.listed(data, listing, "embed", "written", warn);
            long[] ids = data.catalog.darkIds();
            if (listed.length == 0) {
                throw new IllegalArgumentException("none of the " + data.size() + " galaxies of the model's graph passes "
                        + listing.describe() + ": nothing to embed");
            }
            if (listed.length < data.size()) {
                t = t.subset(listed);
                ids = java.util.Arrays.stream(listed).mapToLong(i -> data.catalog.darkIds()[i]).toArray();
            }
            EnvironmentEmbedding.write(output, t, ids, graph.describe(), modelFile.toString());
            ObjectNode s = Json.object();
            s.put("out", out.toString());
            s.put("galaxies", t.size());
            s.put("width", t.width());
            s.put("columns", t.columns().size());
            return s;
        }
    }
}
