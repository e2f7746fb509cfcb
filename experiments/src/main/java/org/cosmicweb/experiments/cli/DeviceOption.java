package org.cosmicweb.experiments.cli;

import org.cosmicweb.gnn.cuda.Backend;
import picocli.CommandLine.Option;

/** The --device option of the commands that train the GNN (train, experiment, bench gnn). */
public final class DeviceOption {
    @Option(names = "--device", defaultValue = "cpu", description = "Where the GNN trains: cpu, or cuda (build with"
            + " -Pcuda, or run the launcher with COSMICWEB_PROFILE=cuda; default: ${DEFAULT-VALUE}).")
    String device;

    /** The backend asked for; fails at once, saying why, when it cannot run here. */
    Backend backend() {
        return Backend.parse(device).requireAvailable();
    }
}
