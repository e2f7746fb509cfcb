package org.cosmicweb.simulations.mock;

import org.cosmicweb.simulations.TngUnits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a matched pair of TNG-format group catalogs (hydro and dark) and the matching arrays,
 * following the recipe in simulations/README.md: host halos from a mass function placed on a
 * biased lognormal field, satellites on NFW orbits, linear-theory velocities plus virial motions,
 * Vmax from a concentration relation, and stellar masses from {@link StellarMassModel}.
 */
public final class MockUniverse {
    /** Name and version of the generator; bumped whenever the same seed would give other catalogs. */
    public static final String GENERATOR = "cosmicweb MockUniverse 5";
    private static final double BARYON_FRACTION = 0.157;
    /** Particle masses of TNG300-1 in 1e10 Msun/h: hydro DM, dark DM, baryon (gas cell / star). */
    private static final double M_DM_HYDRO = 3.98e-3;
    private static final double M_DM_DARK = 4.73e-3;
    private static final double M_BARYON = 1.1e-3;
    /** Hosts above this mass (Msun/h) trace the smoothed number density of the environmental terms. */
    static final double TRACER_MIN_MASS = 2e11;
    /** Gaussian widths (Mpc) of the "3 Mpc" and "10 Mpc" environmental densities. */
    static final double SIGMA_3MPC = 1.0;
    static final double SIGMA_10MPC = 6.5;
    /** Subhalos at least this massive (Msun/h, today's mass) make the halo-mass density of FIELD and WEB: log M_halo/Msun &gt; 11. */
    static final double FIELD_MIN_MASS = 1e11 * MockUniverseConfig.HUBBLE;
    /** Gaussian widths (Mpc/h) of the FIELD densities and of the WEB density Hessian. */
    static final double SIGMA_FIELD_SMALL = 2.0;
    static final double SIGMA_FIELD_LARGE = 6.0;
    static final double SIGMA_WEB = 2.0;

    private final MockUniverseConfig cfg;
    private final double h = MockUniverseConfig.HUBBLE;
    private final StellarMassModel stars;

    /** What one generation produced; tables in code units. */
    public record Result(TngTables dark, TngTables hydro, int[] matchLHaloTree, int[] matchSubLink,
                         float[] hydroLogMstarNoiseless, double noiseFloorDex, String parametersJson,
                         EnvironmentTerms environmentTerms) {
    }

    private MockUniverse(MockUniverseConfig cfg) {
        this.cfg = cfg;
        this.stars = StellarMassModel.defaults(cfg.environment(), cfg.scatterDex(), cfg.environmentStrength());
    }

    /**
     * Java heap a mock needs per host halo, a lower bound: a 205 Mpc/h mock (258k hosts, 417k dark
     * subhalos) peaks at 2.1 GB RSS, about 5 kB a host above the JVM's own; 2 kB refuses only mocks
     * that cannot fit, before minutes of work end in an out-of-memory.
     */
    static final long BYTES_PER_HOST = 2048;

    public static Result generate(MockUniverseConfig cfg) {
        requireMemory(cfg, Runtime.getRuntime().maxMemory());
        return new MockUniverse(cfg).run();
    }

    /** Refuses a mock whose host halos alone would need more than {@code heapBytes}. */
    static void requireMemory(MockUniverseConfig cfg, long heapBytes) {
        long hosts = cfg.expectedHosts();
        if (heapBytes != Long.MAX_VALUE && hosts > heapBytes / BYTES_PER_HOST) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "a %.0f Mpc/h mock has about %d"
                    + " host halos and needs more than %.1f GiB of Java heap (at least %d bytes a host halo); this JVM"
                    + " has %.1f GiB: choose a smaller --box-mpch or give Java more memory (JAVA_OPTS=-Xmx...)",
                    cfg.boxMpch(), hosts, hosts * (double) BYTES_PER_HOST / (1L << 30), BYTES_PER_HOST,
                    heapBytes / (double) (1L << 30)));
        }
    }

    /** Smallest power-of-two grid with cells of at most 1.6 Mpc/h, clamped to [32, 128]. */
    static int gridSize(double box) {
        int n = 32;
        while (n < 128 && box / n > 1.6) {
            n *= 2;
        }
        return n;
    }

    /** Grid of the environmental densities: cells of at most 0.8 Mpc/h, clamped to [64, 256]. */
    static int envGridSize(double box) {
        int n = 64;
        while (n < 256 && box / n > 0.8) {
            n *= 2;
        }
        return n;
    }

    /** One dark subhalo while being built, lengths in Mpc/h, masses in Msun/h. */
    private static final class Sub {
        int host;
        boolean central;
        double x;
        double y;
        double z;
        double vx;
        double vy;
        double vz;
        double massNow;
        double massPeak;
        double vmax;
        double dLogC;
        double radiusFraction;
        double logMstarNoiseless;
        double logMstar;
        boolean flagged;
    }

    private Result run() {
        SplittableRandom root = new SplittableRandom(cfg.seed());
        SplittableRandom fieldRng = root.split();
        SplittableRandom hostRng = root.split();
        SplittableRandom satRng = root.split();
        SplittableRandom starRng = root.split();
        SplittableRandom hydroRng = root.split();
        double box = cfg.boxMpch();
        LinearField field = LinearField.generate(gridSize(box), box, fieldRng);

        int nHost = (int) cfg.expectedHosts();
        double[] hostLogM = new double[nHost];
        for (int i = 0; i < nHost; i++) {
            hostLogM[i] = HaloModel.sampleHostLogMass(hostRng);
        }
        Arrays.sort(hostLogM);
        reverse(hostLogM);
        double[] lagrangian = placeHosts(field, hostLogM, hostRng);

        List<List<Sub>> groups = new ArrayList<>(nHost);
        double[] dir = new double[3];
        double[] psi = new double[3];
        for (int g = 0; g < nHost; g++) {
            double mass = Math.pow(10, hostLogM[g]);
            field.displacement(lagrangian[3 * g], lagrangian[3 * g + 1], lagrangian[3 * g + 2], psi);
            Sub c = new Sub();
            c.host = g;
            c.central = true;
            // Zel'dovich: x = q + ψ(q), v = 100 f ψ(q).
            c.x = TngUnits.wrap(lagrangian[3 * g] + psi[0], box);
            c.y = TngUnits.wrap(lagrangian[3 * g + 1] + psi[1], box);
            c.z = TngUnits.wrap(lagrangian[3 * g + 2] + psi[2], box);
            double vScale = 100 * LinearField.GROWTH_RATE;
            c.vx = vScale * psi[0] + 30 * hostRng.nextGaussian();
            c.vy = vScale * psi[1] + 30 * hostRng.nextGaussian();
            c.vz = vScale * psi[2] + 30 * hostRng.nextGaussian();
            c.dLogC = 0.11 * hostRng.nextGaussian();
            double conc = Math.pow(10, HaloModel.logConcentrationMean(mass) + c.dLogC);
            c.massPeak = mass;
            c.massNow = 0.92 * mass * Math.pow(10, 0.01 * hostRng.nextGaussian());
            c.vmax = HaloModel.vmax(mass, conc) * Math.pow(10, 0.005 * hostRng.nextGaussian());
            c.radiusFraction = 0;
            List<Sub> members = new ArrayList<>();
            members.add(c);
            double mMaxSat = mass / 4;
            if (mMaxSat > Math.pow(10, HaloModel.MIN_LOG_MASS)) {
                int nSat = HaloModel.poisson(HaloModel.satelliteMean(mass), satRng);
                double r200 = HaloModel.r200(mass);
                double sigmaV = HaloModel.v200(mass) / Math.sqrt(2);
                for (int s = 0; s < nSat; s++) {
                    members.add(satellite(c, conc, r200, sigmaV, mMaxSat, satRng, dir, box));
                }
            }
            List<Sub> sats = members.subList(1, members.size());
            sats.sort(Comparator.comparingDouble((Sub s) -> -s.massNow));
            groups.add(members);
        }
        List<Sub> all = new ArrayList<>();
        groups.forEach(all::addAll);
        EnvironmentTerms terms = assignStellarMasses(all, groups, box, envGridSize(box), hostLogM, starRng);
        return assemble(groups, all, hostLogM, box, terms, hydroRng);
    }

    private Sub satellite(Sub c, double hostConc, double r200, double sigmaV, double mMax, SplittableRandom rng,
                          double[] dir, double box) {
        Sub s = new Sub();
        s.host = c.host;
        s.central = false;
        double x = HaloModel.nfwRadius(hostConc / 2, rng);
        // The radius that sets the stripping: the orbit itself, or an independent draw from the same
        // distribution when the environment model keeps positions uninformative (drawn either way, so
        // every model gets the same halos).
        double other = HaloModel.nfwRadius(hostConc / 2, rng);
        double xStrip = cfg.environment().orbitDependentStripping() ? x : other;
        HaloModel.randomDirection(rng, dir);
        s.x = TngUnits.wrap(c.x + x * r200 * dir[0], box);
        s.y = TngUnits.wrap(c.y + x * r200 * dir[1], box);
        s.z = TngUnits.wrap(c.z + x * r200 * dir[2], box);
        s.vx = c.vx + sigmaV * rng.nextGaussian();
        s.vy = c.vy + sigmaV * rng.nextGaussian();
        s.vz = c.vz + sigmaV * rng.nextGaussian();
        s.massPeak = HaloModel.sampleSatelliteMass(mMax, rng);
        double strip = Math.max(0.05, Math.min(1.0, 0.15 + 0.85 * Math.pow(xStrip, 0.6) * Math.pow(10, 0.1 * rng.nextGaussian())));
        s.massNow = s.massPeak * strip;
        s.dLogC = 0.11 * rng.nextGaussian();
        double conc = Math.pow(10, HaloModel.logConcentrationMean(s.massPeak) + s.dLogC);
        s.vmax = HaloModel.vmax(s.massPeak, conc) * Math.pow(strip, 0.25);
        s.radiusFraction = x;
        s.flagged = rng.nextDouble() < 0.002;
        return s;
    }

    /**
     * Lagrangian host positions: cells drawn with weight exp(b_L(M) ν), ν the cell's standardised δ
     * and b_L = b − 1 the Lagrangian bias of an Eulerian bias b(M), then uniform in the cell.
     */
    private static double[] placeHosts(LinearField field, double[] hostLogM, SplittableRandom rng) {
        int cells = field.delta.length;
        double sd = 0;
        for (double d : field.delta) {
            sd += d * d;
        }
        sd = Math.sqrt(sd / cells);
        double cellSize = field.box / field.n;
        double[] pos = new double[3 * hostLogM.length];
        double[] cdf = new double[cells];
        int i = 0;
        while (i < hostLogM.length) {
            double binLo = Math.floor(hostLogM[i] * 4) / 4;
            double bias = Math.max(0.5, Math.min(2.0, 0.6 + 0.45 * (binLo + 0.125 - 11.5))) - 1;
            double acc = 0;
            for (int c = 0; c < cells; c++) {
                acc += Math.exp(bias * field.delta[c] / sd);
                cdf[c] = acc;
            }
            for (; i < hostLogM.length && hostLogM[i] >= binLo; i++) {
                int c = Arrays.binarySearch(cdf, rng.nextDouble() * acc);
                c = c < 0 ? Math.min(cells - 1, -c - 1) : c;
                int ci = c / (field.n * field.n);
                int cj = (c / field.n) % field.n;
                int ck = c % field.n;
                pos[3 * i] = TngUnits.wrap((ci + rng.nextDouble()) * cellSize, field.box);
                pos[3 * i + 1] = TngUnits.wrap((cj + rng.nextDouble()) * cellSize, field.box);
                pos[3 * i + 2] = TngUnits.wrap((ck + rng.nextDouble()) * cellSize, field.box);
            }
        }
        return pos;
    }

    /** Draws every subhalo's log M* and returns the terms it was drawn from. */
    private EnvironmentTerms assignStellarMasses(List<Sub> all, List<List<Sub>> groups, double box, int n,
                                                 double[] hostLogM, SplittableRandom rng) {
        int size = all.size();
        double[] z3 = new double[size];
        double[] z10 = new double[size];
        double[] zConf = new double[size];
        double[] zSmall = new double[size];
        double[] zLarge = new double[size];
        double[] zWeb = new double[size];
        switch (cfg.environment()) {
            case NEIGHBOURS -> {
                DensityGrid count = new DensityGrid(n, box);
                DensityGrid conc = new DensityGrid(n, box);
                for (List<Sub> g : groups) {
                    Sub c = g.get(0);
                    if (c.massPeak >= TRACER_MIN_MASS) {
                        count.deposit(c.x, c.y, c.z, 1.0);
                        conc.deposit(c.x, c.y, c.z, c.dLogC);
                    }
                }
                DensityGrid count3 = count.smoothed(SIGMA_3MPC * h);
                z3 = standardisedLogDensity(count3, all);
                z10 = standardisedLogDensity(count.smoothed(SIGMA_10MPC * h), all);
                zConf = standardisedRatio(conc.smoothed(SIGMA_3MPC * h), count3, all);
            }
            case FIELD, WEB -> {
                DensityGrid mass = new DensityGrid(n, box);
                for (Sub s : all) {
                    if (s.massNow >= FIELD_MIN_MASS) {
                        mass.deposit(s.x, s.y, s.z, s.massNow);
                    }
                }
                zSmall = standardisedLogDensity(mass.smoothed(SIGMA_FIELD_SMALL), all);
                zLarge = standardisedLogDensity(mass.smoothed(SIGMA_FIELD_LARGE), all);
                if (cfg.environment() == EnvironmentModel.WEB) {
                    zWeb = standardisedWebAnisotropy(mass, all);
                }
            }
            case NONE -> { }
            default -> throw new IllegalStateException("unknown environment model " + cfg.environment());
        }
        for (int k = 0; k < size; k++) {
            Sub s = all.get(k);
            double logPeakMsun = Math.log10(s.massPeak / h);
            double hostLogMsun = hostLogM[s.host] - Math.log10(h);
            StellarMassModel.Environment env = new StellarMassModel.Environment(z3[k], z10[k], zConf[k], zSmall[k],
                    zLarge[k], zWeb[k]);
            s.logMstarNoiseless = stars.noiseless(logPeakMsun, s.dLogC, env, s.central, hostLogMsun, s.radiusFraction);
            s.logMstar = s.logMstarNoiseless + stars.scatter() * rng.nextGaussian();
        }
        return terms(all, hostLogM, z3, z10, zConf, zSmall, zLarge, zWeb);
    }

    private EnvironmentTerms terms(List<Sub> all, double[] hostLogM, double[] z3, double[] z10, double[] zConf,
                                   double[] zSmall, double[] zLarge, double[] zWeb) {
        int n = all.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        boolean[] central = new boolean[n];
        double[] peak = new double[n];
        double[] now = new double[n];
        double[] vmax = new double[n];
        double[] dLogC = new double[n];
        double[] radius = new double[n];
        double[] host = new double[n];
        double[] halo = new double[n];
        double[] noiseless = new double[n];
        for (int k = 0; k < n; k++) {
            Sub s = all.get(k);
            x[k] = s.x;
            y[k] = s.y;
            z[k] = s.z;
            central[k] = s.central;
            peak[k] = Math.log10(s.massPeak / h);
            now[k] = Math.log10(s.massNow / h);
            vmax[k] = Math.log10(s.vmax);
            dLogC[k] = s.dLogC;
            radius[k] = s.radiusFraction;
            host[k] = hostLogM[s.host] - Math.log10(h);
            halo[k] = StellarMassModel.shmr(peak[k]) + stars.aConc() * s.dLogC;
            noiseless[k] = s.logMstarNoiseless;
        }
        return new EnvironmentTerms(x, y, z, central, peak, now, vmax, dLogC, radius, host, z3.clone(), z10.clone(),
                zConf.clone(), zSmall.clone(), zLarge.clone(), zWeb.clone(), halo, noiseless);
    }

    /**
     * The anisotropy of the local density field at fixed density, as the NEXUS web finder reads the
     * web from the Hessian of the density (Cautun et al. 2013): H = ∂∂δ of the halo-mass density
     * smoothed at {@value #SIGMA_WEB} Mpc/h, q = √(½[(λ1−λ2)² + (λ2−λ3)² + (λ1−λ3)²]) over H's
     * eigenvalues (large in filaments and walls, small in isotropic knots and voids), log10 q minus a
     * cubic least-squares fit in log10(1 + δ) of the same smoothed field, standardised over all
     * subhalos. The Hessian is computed on a grid of cells of at most 1.6 Mpc/h.
     */
    private static double[] standardisedWebAnisotropy(DensityGrid mass, List<Sub> all) {
        int coarse = gridSize(mass.box);
        DensityGrid grid = mass;
        if (coarse < mass.n) {
            grid = new DensityGrid(coarse, mass.box);
            // Re-deposit the fine grid's cell masses at their cell centres.
            double hf = mass.box / mass.n;
            for (int i = 0; i < mass.n; i++) {
                for (int j = 0; j < mass.n; j++) {
                    for (int l = 0; l < mass.n; l++) {
                        double v = mass.values[(i * mass.n + j) * mass.n + l];
                        if (v != 0) {
                            grid.deposit((i + 0.5) * hf, (j + 0.5) * hf, (l + 0.5) * hf, v);
                        }
                    }
                }
            }
        }
        double[] pts = new double[3 * all.size()];
        for (int k = 0; k < all.size(); k++) {
            Sub s = all.get(k);
            pts[3 * k] = s.x;
            pts[3 * k + 1] = s.y;
            pts[3 * k + 2] = s.z;
        }
        double[] t = grid.hessianAt(SIGMA_WEB, pts);
        DensityGrid smooth = grid.smoothed(SIGMA_WEB);
        double mean = grid.mean();
        int n = all.size();
        double[] logQ = new double[n];
        double[][] design = new double[n][];
        for (int k = 0; k < n; k++) {
            double[] l = DensityGrid.eigenvalues(t, 6 * k);
            double q2 = 0.5 * ((l[0] - l[1]) * (l[0] - l[1]) + (l[1] - l[2]) * (l[1] - l[2]) + (l[0] - l[2]) * (l[0] - l[2]));
            double x = Math.log10(Math.max(0.03, smooth.interpolate(pts[3 * k], pts[3 * k + 1], pts[3 * k + 2]) / mean));
            logQ[k] = Math.log10(Math.max(1e-3, Math.sqrt(q2)));
            design[k] = new double[] {1, x, x * x, x * x * x};
        }
        var solver = new org.apache.commons.math3.linear.QRDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(design, false)).getSolver();
        var beta = solver.solve(new org.apache.commons.math3.linear.ArrayRealVector(logQ, false));
        double[] residual = new double[n];
        for (int k = 0; k < n; k++) {
            double fit = 0;
            for (int c = 0; c < 4; c++) {
                fit += design[k][c] * beta.getEntry(c);
            }
            residual[k] = logQ[k] - fit;
        }
        return standardised(residual);
    }

    private static double[] standardised(double[] x) {
        double m = 0;
        double m2 = 0;
        for (double v : x) {
            m += v;
            m2 += v * v;
        }
        m /= x.length;
        double sd = Math.sqrt(Math.max(1e-12, m2 / x.length - m * m));
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = (x[k] - m) / sd;
        }
        return out;
    }

    /** Kernel-weighted mean of a deposited quantity (sum grid over count grid), standardised over all subhalos. */
    private static double[] standardisedRatio(DensityGrid sum, DensityGrid count, List<Sub> all) {
        double[] out = new double[all.size()];
        for (int k = 0; k < out.length; k++) {
            Sub sub = all.get(k);
            double c = count.interpolate(sub.x, sub.y, sub.z);
            out[k] = c > 0.05 ? sum.interpolate(sub.x, sub.y, sub.z) / c : 0;
        }
        return standardised(out);
    }

    private static double[] standardisedLogDensity(DensityGrid grid, List<Sub> all) {
        double mean = grid.mean();
        double[] out = new double[all.size()];
        for (int k = 0; k < out.length; k++) {
            Sub sub = all.get(k);
            out[k] = Math.log10(Math.max(0.03, grid.interpolate(sub.x, sub.y, sub.z) / mean));
        }
        return standardised(out);
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Hydro twin of a dark subhalo (or a hydro-only clump when {@code twin} is null). */
    private static final class HydroSub {
        int darkIndex = -1;
        double x;
        double y;
        double z;
        double vx;
        double vy;
        double vz;
        double dm;
        double stars;
        double gas;
        double bh;
        double vmax;
        double noiseless;
        boolean flagged;

        double total() {
            return dm + stars + gas + bh;
        }
    }

    private Result assemble(List<List<Sub>> groups, List<Sub> all, double[] hostLogM, double box,
                            EnvironmentTerms terms, SplittableRandom rng) {
        int nHost = groups.size();
        int nEmpty = nHost / 50;
        int nGroups = nHost + nEmpty;
        double boxCode = box * 1000;
        TngTablesBuilder dark = new TngTablesBuilder(boxCode, all.size(), nGroups);
        List<List<HydroSub>> hydroGroups = new ArrayList<>(nHost);
        int darkIndex = 0;
        double noise2 = 0;
        int noiseN = 0;
        for (int g = 0; g < nHost; g++) {
            List<Sub> members = groups.get(g);
            List<HydroSub> hyd = new ArrayList<>(members.size() + 1);
            for (Sub s : members) {
                double dmCode = s.massNow / 1e10;
                dark.addSubhalo(g, s.x * 1000, s.y * 1000, s.z * 1000, s.vx, s.vy, s.vz, (float) s.vmax,
                        new double[] {0, dmCode, 0, 0, 0, 0}, new int[] {0, (int) Math.round(dmCode / M_DM_DARK), 0, 0, 0, 0},
                        !s.flagged);
                hyd.add(hydroTwin(s, darkIndex, rng, box));
                if (s.logMstar > 9) {
                    double e = s.logMstar - s.logMstarNoiseless;
                    noise2 += e * e;
                    noiseN++;
                }
                darkIndex++;
            }
            if (rng.nextDouble() < 0.05) {
                hyd.add(hydroOnlyClump(members.get(0), rng, box));
            }
            hyd.subList(1, hyd.size()).sort(Comparator.comparingDouble((HydroSub s) -> -s.total()));
            hydroGroups.add(hyd);
            Sub c = members.get(0);
            dark.addGroup(g, members.size(), c.x * 1000, c.y * 1000, c.z * 1000, Math.pow(10, hostLogM[g]) / 1e10);
        }
        for (int e = 0; e < nEmpty; e++) {
            dark.addGroup(nHost + e, 0, rng.nextDouble() * boxCode, rng.nextDouble() * boxCode,
                    rng.nextDouble() * boxCode, 0);
        }
        int nHydro = hydroGroups.stream().mapToInt(List::size).sum();
        TngTablesBuilder hydro = new TngTablesBuilder(boxCode, nHydro, nGroups);
        int[] lhalo = new int[nHydro];
        int[] sublink = new int[nHydro];
        float[] truth = new float[nHydro];
        int i = 0;
        for (int g = 0; g < nHost; g++) {
            List<HydroSub> hyd = hydroGroups.get(g);
            for (HydroSub s : hyd) {
                double hc = 1e-10; // Msun/h -> 1e10 Msun/h
                double[] mt = {s.gas * hc, s.dm * hc, 0, 0, s.stars * hc, s.bh * hc};
                int[] lt = {(int) Math.round(mt[0] / M_BARYON), (int) Math.round(mt[1] / M_DM_HYDRO), 0, 0,
                        (int) Math.round(mt[4] / M_BARYON), s.bh > 0 ? 1 : 0};
                hydro.addSubhalo(g, s.x * 1000, s.y * 1000, s.z * 1000, s.vx, s.vy, s.vz, (float) s.vmax, mt, lt,
                        !s.flagged);
                truth[i] = (float) s.noiseless;
                lhalo[i] = s.darkIndex;
                sublink[i] = s.darkIndex;
                if (s.darkIndex >= 0) {
                    double u = rng.nextDouble();
                    if (u < 0.01) {
                        lhalo[i] = -1;
                    } else if (u < 0.025) {
                        sublink[i] = (s.darkIndex + 1 + rng.nextInt(all.size() - 1)) % all.size();
                    }
                }
                i++;
            }
            Sub c = groups.get(g).get(0);
            hydro.addGroup(g, hyd.size(), c.x * 1000, c.y * 1000, c.z * 1000, Math.pow(10, hostLogM[g]) / 1e10);
        }
        for (int e = 0; e < nEmpty; e++) {
            float[] gp = dark.groupPos();
            hydro.addGroup(nHost + e, 0, gp[3 * (nHost + e)], gp[3 * (nHost + e) + 1], gp[3 * (nHost + e) + 2], 0);
        }
        double floor = Math.sqrt(noise2 / Math.max(1, noiseN));
        com.fasterxml.jackson.databind.node.ObjectNode meta = org.cosmicweb.common.Json.object();
        meta.put("generator", GENERATOR);
        meta.set("config", cfg.json());
        meta.set("stellar_mass_model", stars.json());
        org.cosmicweb.common.Json.put(meta, "noise_floor_dex_logmstar_gt_9", floor, 5);
        meta.put("dark_subhalos", all.size());
        meta.put("hydro_subhalos", nHydro);
        meta.put("groups", nGroups);
        String json = org.cosmicweb.common.Json.line(meta);
        return new Result(dark.build(), hydro.build(), lhalo, sublink, truth,
                floor, json, terms);
    }

    private HydroSub hydroTwin(Sub s, int darkIndex, SplittableRandom rng, double box) {
        HydroSub o = new HydroSub();
        o.darkIndex = darkIndex;
        double dx = 0.003; // 3 kpc/h offsets between twins
        o.x = TngUnits.wrap(s.x + dx * rng.nextGaussian(), box);
        o.y = TngUnits.wrap(s.y + dx * rng.nextGaussian(), box);
        o.z = TngUnits.wrap(s.z + dx * rng.nextGaussian(), box);
        o.vx = s.vx + 5 * rng.nextGaussian();
        o.vy = s.vy + 5 * rng.nextGaussian();
        o.vz = s.vz + 5 * rng.nextGaussian();
        o.dm = s.massNow * (1 - BARYON_FRACTION) * Math.pow(10, 0.02 * rng.nextGaussian());
        o.stars = Math.pow(10, s.logMstar) * h; // Msun -> Msun/h
        o.gas = (s.central ? 0.15 : 0.02) * o.dm * Math.pow(10, 0.2 * rng.nextGaussian());
        o.bh = s.central && s.logMstar > 10 ? 0.002 * o.stars : 0;
        o.vmax = s.vmax * 1.03 * Math.pow(10, 0.01 * rng.nextGaussian());
        o.noiseless = s.logMstarNoiseless;
        o.flagged = !s.central && rng.nextDouble() < 0.005;
        return o;
    }

    /** A baryonic clump with no dark twin (both matches -1), as SUBFIND finds in hydro runs. */
    private HydroSub hydroOnlyClump(Sub central, SplittableRandom rng, double box) {
        HydroSub o = new HydroSub();
        o.x = TngUnits.wrap(central.x + 0.05 * rng.nextGaussian(), box);
        o.y = TngUnits.wrap(central.y + 0.05 * rng.nextGaussian(), box);
        o.z = TngUnits.wrap(central.z + 0.05 * rng.nextGaussian(), box);
        o.vx = central.vx + 100 * rng.nextGaussian();
        o.vy = central.vy + 100 * rng.nextGaussian();
        o.vz = central.vz + 100 * rng.nextGaussian();
        o.dm = Math.pow(10, 9 + rng.nextDouble());
        double logMs = 8 + 1.5 * rng.nextDouble();
        o.stars = Math.pow(10, logMs) * h;
        o.vmax = 30 + 20 * rng.nextDouble();
        o.noiseless = logMs;
        return o;
    }
}
