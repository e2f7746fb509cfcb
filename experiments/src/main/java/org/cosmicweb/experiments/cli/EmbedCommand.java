package org.cosmicweb.experiments.cli;

import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Json;
import org.cosmicweb.experiments.EmbedJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Write every galaxy's environment vector under a trained GNN (what its head reads of the"
                + " environment) to HDF5, with ids, positions and the columns 'probe' can fit: log_mhalo, log_vmax,"
                + " is_central, log_mstar, log_overdensity_{1,2,3,5,10}mpc, DisPerSE distances when present, and on a mock"
                + " the generator's environmental fields (mock_z_3mpc, mock_z_conformity, ...)."})
public final class EmbedCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by 'train'.")
    Path modelFile;

    @Option(names = "--out", converter = OutputFile.class, required = true, paramLabel = "FILE.h5",
            description = "Embeddings file to write; an existing file is replaced only if it is an embeddings file.")
    Path out;

    @Override
    public void run() {
        // One box with its parameter row (--table or --subfind with --suite-params) is one catalog: a model
        // trained with box parameters as features needs them.
        if (catalog.suite != null) {
            throw new IllegalArgumentException("embed works on one catalog (--tng, --subfind or --table, with"
                    + " --suite-params for a model that reads box parameters): its embeddings file holds one box's"
                    + " galaxies and positions, and probe folds them in space");
        }
        List<AtomicOutput.Input> inputs = new ArrayList<>(catalog.inputs());
        inputs.add(new AtomicOutput.Input("--model", modelFile));
        // On a mock, the generator's own environmental fields become probe columns too.
        Path terms = catalog.tng == null ? null
                : org.cosmicweb.simulations.mock.EnvironmentTerms.beside(catalog.layout(catalog.tng).mockTruthFile());
        System.out.println(Json.line(new EmbedJob(modelFile, out, inputs, terms).run(catalog::data,
                catalog.graphNodesGiven(), catalog.cuts(), catalog.listing(), System.err::println)));
    }
}
