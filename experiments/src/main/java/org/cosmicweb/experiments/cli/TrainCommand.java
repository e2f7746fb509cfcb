package org.cosmicweb.experiments.cli;

import org.cosmicweb.common.Json;
import org.cosmicweb.experiments.Progress;
import org.cosmicweb.experiments.TrainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the GNN on every galaxy of a catalog (one spatial block held out to pick the best epoch)"
                + " and save it, with its normalisation, feature names, cuts and provenance, to one file.")
public final class TrainCommand implements Runnable {
    @Mixin
    CatalogOptions catalog;

    @Option(names = "--linking-length", required = true, paramLabel = "MPC",
            description = "Linking length D in Mpc (range 0.1-50, and below half the box; with --layers L, L x D too).")
    double linkingLength;

    @Option(names = "--out", converter = OutputFile.class, required = true, paramLabel = "FILE",
            description = "Model file to write; an existing file is replaced only if it is a model file.")
    Path out;

    @Mixin
    GnnOptions gnn;

    @Mixin
    ProjectionOptions projection;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DeviceOption device;

    @Override
    public void run() {
        OptionChecks.range("--linking-length", linkingLength, 0.1, false, 50, false);
        TrainJob job = new TrainJob(projection.radius(linkingLength), gnn.settings(), seed, device.engines(gnn.settings()),
                catalog.cuts(), out, catalog.inputs());
        System.out.println(Json.line(job.run(() -> catalog.data(catalog.graphNodes(), catalog.cuts(), null),
                Progress.stderr())));
    }
}
