package org.cosmicweb.simulations.mock;

import org.cosmicweb.simulations.CatalogCuts;
import org.cosmicweb.simulations.SubhaloCatalog;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statistical checks that the mock has the physics its README promises. */
class MockPhysicsTest {
    @TempDir
    Path dir;

    static final MockUniverseConfig CFG = MockUniverseConfig.defaults(11).withBox(60).withChunks(2);

    private SubhaloCatalog load(MockUniverseConfig cfg, String name) {
        TngLayout layout = TngLayout.of(dir.resolve(name));
        MockUniverseWriter.write(MockUniverse.generate(cfg), cfg, layout, false);
        return TngCatalogLoader.load(layout, CatalogCuts.LITERATURE);
    }

    @Test
    void sameSeedGivesIdenticalFilesAndOtherSeedsDiffer() throws Exception {
        MockUniverse.Result a = MockUniverse.generate(CFG);
        MockUniverse.Result b = MockUniverse.generate(CFG);
        MockUniverse.Result c = MockUniverse.generate(new MockUniverseConfig(12, 60, CFG.hostDensity(), 2,
                CFG.scatterDex(), 1, EnvironmentModel.NEIGHBOURS));
        assertArrayEquals(a.dark().subPos(), b.dark().subPos());
        assertArrayEquals(a.hydro().massType(), b.hydro().massType());
        assertArrayEquals(a.matchSubLink(), b.matchSubLink());
        assertFalse(java.util.Arrays.equals(a.dark().subPos(), c.dark().subPos()));
        TngLayout la = TngLayout.of(dir.resolve("a"));
        TngLayout lb = TngLayout.of(dir.resolve("b"));
        MockUniverseWriter.write(a, CFG, la, false);
        MockUniverseWriter.write(b, CFG, lb, false);
        assertArrayEquals(Files.readAllBytes(la.chunk(la.hydroGroups(), 1)), Files.readAllBytes(lb.chunk(lb.hydroGroups(), 1)));
    }

    /** log10(1 + number of other galaxies with log M_DM > 11.3 within r), by brute force. */
    static double[] logMassWithin(SubhaloCatalog c, double r) {
        int n = c.size();
        double box = c.boxSizeMpc();
        double[] out = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = c.logMhaloMsun()[i] > 11.3 ? 1 : 0;
        }
        double[] p = c.positionsMpc();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                double d2 = 0;
                for (int a = 0; a < 3; a++) {
                    double d = Math.abs(p[3 * i + a] - p[3 * j + a]);
                    d = Math.min(d, box - d);
                    d2 += d * d;
                }
                if (d2 < r * r && j != i) {
                    s += m[j];
                }
            }
            out[i] = Math.log10(1 + s);
        }
        return out;
    }

    static double correlation(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Residuals of log M* after a least-squares fit on halo properties only (no central terms when all are centrals). */
    static double[] haloOnlyResiduals(SubhaloCatalog c) {
        int n = c.size();
        boolean mixed = false;
        for (int i = 1; i < n; i++) {
            mixed |= c.isCentral()[i] != c.isCentral()[0];
        }
        int p = mixed ? 7 : 5;
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            double m = c.logMhaloMsun()[i] - 12;
            double v = c.logVmaxKms()[i] - 2.2;
            double cen = c.isCentral()[i] ? 1 : 0;
            x[i] = mixed ? new double[] {1, m, m * m, v, v * v, cen, cen * m} : new double[] {1, m, m * m, v, v * v};
        }
        org.apache.commons.math3.linear.RealMatrix a = new org.apache.commons.math3.linear.Array2DRowRealMatrix(x);
        var solver = new org.apache.commons.math3.linear.QRDecomposition(a).getSolver();
        var beta = solver.solve(new org.apache.commons.math3.linear.ArrayRealVector(c.logMstarMsun()));
        double[] res = new double[n];
        for (int i = 0; i < n; i++) {
            double pred = 0;
            for (int k = 0; k < p; k++) {
                pred += x[i][k] * beta.getEntry(k);
            }
            res[i] = c.logMstarMsun()[i] - pred;
        }
        return res;
    }

    /** Noiseless log M* of a minus that of b for the galaxies in both (matched by dark id), and those rows of a. */
    private static Object[] termAgainst(SubhaloCatalog a, SubhaloCatalog b) {
        Map<Long, Integer> rowOf = new HashMap<>();
        for (int k = 0; k < b.size(); k++) {
            rowOf.put(b.darkIds()[k], k);
        }
        int n = 0;
        double[] term = new double[a.size()];
        int[] rows = new int[a.size()];
        for (int k = 0; k < a.size(); k++) {
            Integer j = rowOf.get(a.darkIds()[k]);
            if (j != null) {
                term[n] = a.logMstarNoiseless()[k] - b.logMstarNoiseless()[j];
                rows[n++] = k;
            }
        }
        return new Object[] {java.util.Arrays.copyOf(term, n), a.subset(java.util.Arrays.copyOf(rows, n))};
    }

    private static double rms(double[] t) {
        return Math.sqrt(java.util.Arrays.stream(t).map(v -> v * v).sum() / t.length);
    }

    @Test
    void neighboursTermsAreRealAndVisibleInTheDarkCatalog() {
        SubhaloCatalog env = load(CFG, "env");
        SubhaloCatalog off = load(CFG.withEnvironmentStrength(0), "off");
        // Same seed, same halos: the difference of the noiseless masses is exactly the environment term.
        Object[] tc = termAgainst(env, off);
        double[] t = (double[]) tc[0];
        double sd = rms(t);
        assertTrue(sd > 0.05 && sd < 0.4, "environment term rms " + sd + " dex");
        SubhaloCatalog envCentrals = env.subset(centrals(env));
        SubhaloCatalog offCentrals = off.subset(centrals(off));
        // Centrals only: the satellite terms pull the other way in dense hosts.
        double cEnv = correlation(haloOnlyResiduals(envCentrals), logMassWithin(envCentrals, 2.0));
        double cOff = correlation(haloOnlyResiduals(offCentrals), logMassWithin(offCentrals, 2.0));
        System.out.printf("neighbours: env term rms %.3f; residual corr with density env %.3f off %.3f (N=%d)%n",
                sd, cEnv, cOff, t.length);
        double noise = 3 / Math.sqrt(envCentrals.size());
        assertTrue(cEnv > 0.1 && cEnv > Math.abs(cOff) + noise,
                "halo-only residuals should correlate with density only when the environment is on: " + cEnv + " vs " + cOff);
    }

    @Test
    void fieldWebAndNoneHaveTheirOwnPhysicsOnTheSameHalos() {
        SubhaloCatalog none = load(CFG.withEnvironment(EnvironmentModel.NONE), "none");
        SubhaloCatalog field = load(CFG.withEnvironment(EnvironmentModel.FIELD), "field");
        SubhaloCatalog web = load(CFG.withEnvironment(EnvironmentModel.WEB), "web");
        // Stripping ignores orbits in all three, so the dark catalogs are identical.
        MockUniverse.Result a = MockUniverse.generate(CFG.withEnvironment(EnvironmentModel.NONE));
        MockUniverse.Result b = MockUniverse.generate(CFG.withEnvironment(EnvironmentModel.WEB));
        assertArrayEquals(a.dark().subPos(), b.dark().subPos());
        assertArrayEquals(a.dark().massType(), b.dark().massType());

        // none: the halo-only residuals carry no density signal.
        SubhaloCatalog noneCentrals = none.subset(centrals(none));
        double cNone = correlation(haloOnlyResiduals(noneCentrals), logMassWithin(noneCentrals, 2.0));
        assertTrue(Math.abs(cNone) < 3 / Math.sqrt(noneCentrals.size()), "none: residual corr with density " + cNone);

        // field: the term follows the local mass density closely.
        Object[] ft = termAgainst(field, none);
        double[] fTerm = (double[]) ft[0];
        double cField = correlation(fTerm, logMassWithin((SubhaloCatalog) ft[1], 3.0));
        assertTrue(rms(fTerm) > 0.08 && rms(fTerm) < 0.3, "field term rms " + rms(fTerm));
        assertTrue(cField > 0.5, "field term vs count within 3 Mpc: " + cField);

        // web - field is exactly the anisotropy term: about 0.12 dex, and not a function of density.
        Object[] wt = termAgainst(web, field);
        double[] webTerm = (double[]) wt[0];
        double cWeb = correlation(webTerm, logMassWithin((SubhaloCatalog) wt[1], 3.0));
        System.out.printf("field term rms %.3f corr with density %.3f; web term rms %.3f corr with density %.3f;"
                + " none residual corr %.3f%n", rms(fTerm), cField, rms(webTerm), cWeb, cNone);
        assertTrue(rms(webTerm) > 0.09 && rms(webTerm) < 0.15, "web term rms " + rms(webTerm));
        assertTrue(Math.abs(cWeb) < 0.5, "the web term should not be a density proxy: corr " + cWeb);
    }

    static int[] centrals(SubhaloCatalog c) {
        return java.util.stream.IntStream.range(0, c.size()).filter(i -> c.isCentral()[i]).toArray();
    }

    @Test
    void positionsAreClustered() {
        MockUniverse.Result r = MockUniverse.generate(CFG);
        // Counts in cells of 60/8 Mpc/h: variance well above Poisson for a clustered field.
        int g = 8;
        int[] counts = new int[g * g * g];
        float[] p = r.dark().subPos();
        double box = r.dark().boxCode();
        for (int i = 0; i < r.dark().nSub(); i++) {
            int a = (int) (p[3 * i] / box * g);
            int b = (int) (p[3 * i + 1] / box * g);
            int c = (int) (p[3 * i + 2] / box * g);
            counts[(a * g + b) * g + c]++;
        }
        double mean = (double) r.dark().nSub() / counts.length;
        double var = 0;
        for (int c : counts) {
            var += (c - mean) * (c - mean);
        }
        var /= counts.length;
        assertTrue(var > 3 * mean, "counts-in-cells variance " + var + " vs Poisson " + mean);
        for (int i = 0; i < p.length; i++) {
            assertTrue(p[i] >= 0 && p[i] < box, "position outside [0, box): " + p[i]);
        }
        // The matching has one entry per hydro subhalo, each -1 or a dark subhalo index.
        assertEquals(r.hydro().nSub(), r.matchLHaloTree().length);
        assertEquals(r.hydro().nSub(), r.matchSubLink().length);
        for (int i = 0; i < r.hydro().nSub(); i++) {
            int d = r.matchLHaloTree()[i];
            assertTrue(d >= -1 && d < r.dark().nSub(), "hydro " + i + " matched to " + d);
        }
    }
}
