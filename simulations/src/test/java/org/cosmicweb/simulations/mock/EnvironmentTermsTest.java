package org.cosmicweb.simulations.mock;

import org.cosmicweb.simulations.GroupCatalogReader;
import org.cosmicweb.simulations.RunCatalog;
import org.cosmicweb.simulations.TngLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator's terms file: one row per dark subhalo at its catalog position, and the noiseless
 * log M* rebuilt by hand from its columns with the coefficients of simulations/README.md.
 */
class EnvironmentTermsTest {
    @TempDir
    Path dir;

    private List<String[]> write(EnvironmentModel env, TngLayout layout) throws Exception {
        MockUniverseConfig cfg = MockUniverseConfig.defaults(3).withBox(40).withChunks(1).withEnvironment(env);
        MockUniverseWriter.write(MockUniverse.generate(cfg), cfg, layout, false);
        Path file = layout.mockTruthFile().resolveSibling("mock_environment_terms_099.csv");
        assertTrue(Files.isRegularFile(file), file + " missing");
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).startsWith("dark_subhalo_id,x_mpch,y_mpch,z_mpch,is_central,log_mpeak_msun"), lines.get(0));
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
    }

    private static double shmrByHand(double logM) {
        double x = Math.pow(10, logM - 11.59);
        return logM + Math.log10(2 * 0.0351 / (Math.pow(x, -1.376) + Math.pow(x, 0.608)));
    }

    @Test
    void neighboursTermsRebuildTheNoiselessMassAtTheCatalogPositions() throws Exception {
        TngLayout layout = TngLayout.of(dir.resolve("n"));
        List<String[]> rows = write(EnvironmentModel.NEIGHBOURS, layout);
        RunCatalog dark = GroupCatalogReader.read(layout, layout.darkGroups(), EnumSet.allOf(RunCatalog.Field.class));
        assertEquals(dark.nSubhalos(), rows.size());
        int satellites = 0;
        for (int k = 0; k < rows.size(); k++) {
            double[] v = new double[rows.get(k).length];
            for (int c = 0; c < v.length; c++) {
                v[c] = Double.parseDouble(rows.get(k)[c]);
            }
            assertEquals(k, (int) v[0]);
            for (int a = 0; a < 3; a++) {
                assertEquals(dark.pos()[3 * k + a] / 1000.0, v[1 + a], 2e-5, "position of row " + k);
            }
            boolean central = v[4] == 1;
            double halo = shmrByHand(v[5]) + 0.5 * v[8];
            assertEquals(halo, v[17], 3e-5, "halo part of row " + k);
            double env = 0.15 * v[11] + 0.04 * v[12] + 0.12 * v[13];
            if (!central) {
                satellites++;
                env += -0.12 * (v[10] - 12.5) - 0.45 * (1 - v[9]);
            } else {
                assertTrue(Double.isNaN(v[9]), "a central has no orbit radius");
            }
            assertEquals(halo + env, v[18], 1e-4, "noiseless log M* of row " + k);
            assertEquals(0, v[14]);
            assertEquals(0, v[15]);
            assertEquals(0, v[16]);
        }
        assertTrue(satellites > 100, "satellites " + satellites);
    }

    @Test
    void noEnvironmentMeansTheHaloPartAlone() throws Exception {
        List<String[]> rows = write(EnvironmentModel.NONE, TngLayout.of(dir.resolve("none")));
        for (String[] r : rows) {
            assertEquals(Double.parseDouble(r[17]), Double.parseDouble(r[18]), 1e-9);
            for (int c = 11; c <= 16; c++) {
                assertEquals(0, Double.parseDouble(r[c]), "row " + r[0] + " column " + c);
            }
        }
    }
}
