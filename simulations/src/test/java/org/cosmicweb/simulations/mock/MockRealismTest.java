package org.cosmicweb.simulations.mock;

import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Realism of the mock's dark side against a real simulation: the median Vmax of centrals at fixed
 * dark-matter mass, compared with the CAMELS-Astrid SB7 tables in shared/ (runs 350, 113 and 785,
 * closest to the fiducial cosmology; DM mass = Mt − Mg − Mstar − MBH). Skipped where the tables
 * are absent. The stellar masses are not compared: the mock follows Moster et al. (2013), as TNG
 * does, and CAMELS L25n256 sits 0.5–1.5 dex lower at these masses.
 */
class MockRealismTest {
    @TempDir
    Path dir;

    static final double[][] BINS = {{11.5, 12.0}, {12.0, 12.5}, {12.5, 13.0}};

    static Path astridFolder() {
        for (Path p : new Path[] {Path.of("../shared/data/camels-astrid-sb7"), Path.of("../../shared/data/camels-astrid-sb7")}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    @Test
    void vmaxAtFixedHaloMassMatchesCamelsAstrid() throws IOException {
        Path folder = astridFolder();
        Assumptions.assumeTrue(folder != null, "CAMELS-Astrid tables not found beside the checkout");
        List<List<Double>> astrid = new ArrayList<>();
        for (double[] ignored : BINS) {
            astrid.add(new ArrayList<>());
        }
        for (String sim : new String[] {"350", "113", "785"}) {
            List<String> lines = Files.readAllLines(folder.resolve("Astrid_SB7_" + sim + "_groups_090_processed.csv"));
            List<String> head = List.of(lines.get(0).split(","));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (!f[head.indexOf("is_central")].equals("1")) {
                    continue;
                }
                double mdm = Double.parseDouble(f[head.indexOf("Mt")]) - Double.parseDouble(f[head.indexOf("Mg")])
                        - Double.parseDouble(f[head.indexOf("Mstar")]) - Double.parseDouble(f[head.indexOf("MBH")]);
                add(astrid, Math.log10(mdm), Math.log10(Double.parseDouble(f[head.indexOf("Vmax")])));
            }
        }
        MockUniverseConfig cfg = MockUniverseConfig.defaults(3).withBox(60);
        TngLayout layout = TngLayout.of(dir);
        MockUniverseWriter.write(MockUniverse.generate(cfg), cfg, layout, false);
        SubhaloCatalog cat = TngCatalogLoader.load(layout, new CatalogCuts(0, 10, 0, true));
        List<List<Double>> mock = new ArrayList<>();
        for (double[] ignored : BINS) {
            mock.add(new ArrayList<>());
        }
        double logH = Math.log10(MockUniverseConfig.HUBBLE);
        for (int i = 0; i < cat.size(); i++) {
            if (cat.isCentral()[i]) {
                add(mock, cat.logMhaloMsun()[i] + logH, cat.logVmaxKms()[i]);
            }
        }
        for (int b = 0; b < BINS.length; b++) {
            assertTrue(astrid.get(b).size() >= 20 && mock.get(b).size() >= 20, "too few centrals in bin " + b);
            assertEquals(median(astrid.get(b)), median(mock.get(b)), 0.05,
                    "median log Vmax of centrals with log M_DM/(Msun/h) in " + BINS[b][0] + ".." + BINS[b][1]);
        }
    }

    private static void add(List<List<Double>> bins, double logM, double logV) {
        for (int b = 0; b < BINS.length; b++) {
            if (logM >= BINS[b][0] && logM < BINS[b][1]) {
                bins.get(b).add(logV);
            }
        }
    }
}
