package org.cosmicweb.experiments;

import org.cosmicweb.simulations.CatalogSuite;
import org.cosmicweb.simulations.GraphNodes;
import org.cosmicweb.simulations.LoadedCatalog;
import org.cosmicweb.simulations.ParameterTable;
import org.cosmicweb.simulations.SubhaloCatalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tiny suites built in memory with known content: box b is CAMELS-style row {@code SB7_<number>}
 * with Omega_m = 0.2 + 0.01 number and sigma_8 = 0.7 + 0.001 number, and its galaxies' stellar
 * masses rise with Omega_m, so a model that sees the parameter can tell the boxes apart.
 */
final class SuiteFixtures {
    static final double BOX_MPC = 12;
    static final List<String> PARAMS = List.of("Omega_m", "sigma_8", "seed");

    private SuiteFixtures() {
    }

    static double omegaM(int number) {
        return 0.2 + 0.01 * number;
    }

    /**
     * Boxes with the given numbers and galaxy counts; with {@code others} &gt; 0 each box also has
     * that many non-galaxy graph nodes ({@link GraphNodes#DMO}).
     */
    static CatalogSuite suite(int[] numbers, int[] galaxies, int others, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (int n = 0; n <= 20; n++) {
            rows.put("SB7_" + n, new double[] {omegaM(n), 0.7 + 0.001 * n, 1000 + n});
        }
        ParameterTable table = new ParameterTable(Path.of("params.txt"), PARAMS, rows);
        List<CatalogSuite.Box> boxes = new ArrayList<>();
        for (int b = 0; b < numbers.length; b++) {
            String name = "SB7_" + numbers[b];
            String file = "Box_" + name + ".csv";
            SubhaloCatalog g = catalog(file, galaxies[b], rng, omegaM(numbers[b]), true);
            SubhaloCatalog o = catalog(file + " (other nodes)", others, rng, 0, false);
            LoadedCatalog c = others > 0 ? new LoadedCatalog(g, o, GraphNodes.DMO, false) : LoadedCatalog.selected(g);
            boxes.add(new CatalogSuite.Box(name, numbers[b], Path.of(file), c, rows.get(name)));
        }
        return new CatalogSuite("Box_SB7_*.csv", boxes, table, List.of(), 0);
    }

    private static SubhaloCatalog catalog(String source, int n, SplittableRandom rng, double omegaM, boolean stars) {
        long[] ids = new long[n];
        double[] pos = new double[3 * n];
        double[] vel = new double[3 * n];
        double[] mh = new double[n];
        double[] vm = new double[n];
        boolean[] cen = new boolean[n];
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            for (int a = 0; a < 3; a++) {
                pos[3 * i + a] = rng.nextDouble() * BOX_MPC;
                vel[3 * i + a] = 100 * rng.nextGaussian();
            }
            mh[i] = 11 + 2 * rng.nextDouble();
            vm[i] = 2 + 0.3 * (mh[i] - 11) + 0.05 * rng.nextGaussian();
            cen[i] = rng.nextDouble() < 0.7;
            ms[i] = stars ? 0.8 * mh[i] + 10 * omegaM - 1 + 0.1 * rng.nextGaussian() : Double.NaN;
        }
        return new SubhaloCatalog(source, BOX_MPC, ids, ids.clone(), pos, vel, mh, vm, cen, ms, null, null,
                new SubhaloCatalog.CatalogStats(0, n, 0, n));
    }
}
