package org.cosmicweb.experiments.cli;

import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Json;
import org.cosmicweb.experiments.PredictJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Apply a saved GNN to a catalog (graph built with the model's own linking length, graph nodes and"
                + " cuts) and write log M* with its sigma for every galaxy.",
            "A model trained with --graph-nodes dmo also runs on a dark-matter-only catalog (a folder with the dark run"
                + " alone, a DMO SUBFIND file, a table without stellar masses): it then predicts every node.",
            "The catalog must give the node features the model was trained on (by name); cuts that differ from the"
                + " model's are reported."})
public final class PredictCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = "--out", converter = OutputFile.class, required = true, paramLabel = "FILE.csv",
            description = "Predictions to write; an existing file is replaced only if it is a predictions file.")
    Path out;

    @Override
    public void run() {
        List<AtomicOutput.Input> inputs = new ArrayList<>(catalog.inputs());
        inputs.add(new AtomicOutput.Input("--model", modelFile));
        System.out.println(Json.line(PredictJob.run(modelFile, out, inputs, catalog.graphNodesGiven(), catalog.cuts(),
                catalog.listing(), catalog::data, System.err::println)));
    }
}
