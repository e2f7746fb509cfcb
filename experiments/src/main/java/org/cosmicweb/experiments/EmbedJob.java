package org.cosmicweb.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Json;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.graph.EdgeFeature;
import org.cosmicweb.simulations.LoadedCatalog;
import org.cosmicweb.simulations.mock.EnvironmentTerms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code embed} command's job: every galaxy's environment vector under a trained network,
 * written to HDF5 ({@link EnvironmentEmbedding}); the output is opened (checked, locked) first.
 */
public record EmbedJob(Path modelFile, Path out, List<AtomicOutput.Input> inputs, Path mockTerms) {
    public EmbedJob(Path modelFile, Path out, List<AtomicOutput.Input> inputs) {
        this(modelFile, out, inputs, null);
    }

    public ObjectNode run(Supplier<LoadedCatalog> load) {
        try (AtomicOutput output = AtomicOutput.open(EnvironmentEmbedding.target(out).inputs(inputs))) {
            TrainedModel trained = TrainedModel.load(modelFile, ExperimentData.NODE_FEATURES.length, EdgeFeature.COUNT);
            GraphSpec graph = GraphSpec.fromProvenance(trained.provenance(), "model " + modelFile);
            ExperimentData data = new ExperimentData(load.get());
            if (!data.featureNames().equals(trained.nodeFeatures())) {
                throw new IllegalArgumentException("model " + modelFile + " was trained on the node features "
                        + trained.nodeFeatures() + ", this catalog gives " + data.featureNames());
            }
            if (graph.kind() != GraphSpec.Kind.KNN) {
                data.checkScale("the model's linking length", graph.scale());
            }
            EnvironmentEmbedding.Table t = EnvironmentEmbedding.compute(data, trained, graph, 256L << 10);
            if (mockTerms != null && Files.isRegularFile(mockTerms)) {
                EnvironmentEmbedding.addMockTerms(t, data.catalog.darkIds(), EnvironmentTerms.readFields(mockTerms),
                        mockTerms);
            }
            EnvironmentEmbedding.write(output, t, data.catalog.darkIds(), graph.describe(), modelFile.toString());
            ObjectNode s = Json.object();
            s.put("out", out.toString());
            s.put("galaxies", t.size());
            s.put("width", t.width());
            s.put("columns", t.columns().size());
            return s;
        }
    }
}
