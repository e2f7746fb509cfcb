package org.cosmicweb.experiments.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Json;
import org.cosmicweb.simulations.TngLayout;
import org.cosmicweb.simulations.mock.EnvironmentModel;
import org.cosmicweb.simulations.mock.MockUniverse;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import org.cosmicweb.simulations.mock.MockUniverseWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a mock universe in TNG format: hydro and dark group catalogs and the matching file.")
public final class SimulateCommand implements Runnable {
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to write the mock into (TNG300-1/, TNG300-1-Dark/, mock_universe.json); it must be new,"
                    + " empty, or a mock this program wrote (then with --force).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--box-mpch", defaultValue = "205",
            description = "Periodic box side in Mpc/h (default: ${DEFAULT-VALUE}, as TNG300; range 10-2000).")
    double box;

    @Option(names = "--host-density", defaultValue = "0.03",
            description = "Host halos above 10^10.8 Msun/h per (Mpc/h)^3 (default: ${DEFAULT-VALUE}; range (0, 1]).")
    double density;

    @Option(names = "--chunks", defaultValue = "4",
            description = "Chunk files per catalog (default: ${DEFAULT-VALUE}; range 1-4096).")
    int chunks;

    @Option(names = "--scatter-dex", defaultValue = "0.12",
            description = "Intrinsic log M* scatter, the noise floor (default: ${DEFAULT-VALUE}; range (0, 2)).")
    double scatter;

    @Option(names = "--environment-strength", defaultValue = "1",
            description = "Multiplier of the environmental terms of log M*; 0 switches them off (default:"
                    + " ${DEFAULT-VALUE}; range 0-10).")
    double environment;

    @Option(names = "--environment", defaultValue = "neighbours", paramLabel = "MODEL",
            description = "Environmental physics of log M*: neighbours (host density, conformity, satellites' hosts"
                    + " and orbits), field (smoothed mass density at 2 and 6 Mpc/h only), web (field plus tidal"
                    + " anisotropy at 3 Mpc/h) or none (negative control) (default: ${DEFAULT-VALUE}).")
    String environmentModel;

    @Option(names = "--force", description = "Replace a mock this program wrote in --out (never anything else).")
    boolean force;

    @Override
    public void run() {
        OptionChecks.range("--box-mpch", box, 10, false, 2000, false);
        OptionChecks.range("--host-density", density, 0, true, 1, false);
        OptionChecks.range("--chunks", chunks, 1, 4096);
        OptionChecks.range("--scatter-dex", scatter, 0, true, 2, true);
        OptionChecks.range("--environment-strength", environment, 0, false, 10, false);
        MockUniverseConfig cfg = new MockUniverseConfig(seed, box, density, chunks, scatter, environment,
                EnvironmentModel.parse(environmentModel));
        // The folder is checked (never a folder this program did not write) and locked before generating.
        try (AtomicOutput output = AtomicOutput.open(MockUniverseWriter.target(out, force))) {
            long t0 = System.nanoTime();
            System.err.printf(Locale.ROOT, "simulate: generating about %d host halos in a %.1f Mpc/h box (seed %d)%n",
                    cfg.expectedHosts(), box, seed);
            MockUniverse.Result mock = MockUniverse.generate(cfg);
            System.err.printf(Locale.ROOT, "simulate: %d dark and %d hydro subhalos; writing %d chunks per run (fewer when a run has"
                    + " fewer FoF groups) into %s%n",
                    mock.dark().nSub(), mock.hydro().nSub(), chunks, out);
            MockUniverseWriter.write(output, mock, cfg, TngLayout.of(out));
            ObjectNode s = Json.object();
            s.put("out", out.toString());
            s.put("dark_subhalos", mock.dark().nSub());
            s.put("hydro_subhalos", mock.hydro().nSub());
            Json.put(s, "noise_floor_dex", mock.noiseFloorDex(), 4);
            Json.put(s, "seconds", (System.nanoTime() - t0) / 1e9, 2);
            System.out.println(Json.line(s));
        }
    }
}
