package org.cosmicweb.simulations.mock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.Json;

/**
 * Parameters of the mock TNG universe.
 *
 * @param seed                  random seed; the same seed gives byte-identical catalogs
 * @param boxMpch               periodic box side in Mpc/h (TNG300: 205)
 * @param hostDensity           number density of host halos above 10^10.8 Msun/h, in (h/Mpc)^3
 * @param chunks                chunk files per group catalog
 * @param scatterDex            intrinsic log M* scatter at fixed generating terms (the noise floor)
 * @param environmentStrength   multiplies every environmental term of log M*; 0 switches them off
 * @param environment           which environmental physics sets log M* ({@link EnvironmentModel})
 */
public record MockUniverseConfig(long seed, double boxMpch, double hostDensity, int chunks, double scatterDex,
                                 double environmentStrength, EnvironmentModel environment) {
    public static final double HUBBLE = 0.6774;
    public static final double DEFAULT_BOX_MPCH = 205.0;
    public static final double DEFAULT_HOST_DENSITY = 0.03;
    public static final int DEFAULT_CHUNKS = 4;
    public static final double DEFAULT_SCATTER_DEX = 0.12;

    public MockUniverseConfig {
        if (!(boxMpch >= 10 && boxMpch <= 2000)) {
            throw new IllegalArgumentException("boxMpch must be in [10, 2000] Mpc/h, got " + boxMpch);
        }
        if (!(hostDensity > 0 && hostDensity <= 1)) {
            throw new IllegalArgumentException("hostDensity must be in (0, 1] (h/Mpc)^3, got " + hostDensity);
        }
        if (chunks < 1 || chunks > 4096) {
            throw new IllegalArgumentException("chunks must be in [1, 4096], got " + chunks);
        }
        if (!(scatterDex > 0 && scatterDex < 2)) {
            throw new IllegalArgumentException("scatterDex must be in (0, 2) dex, got " + scatterDex);
        }
        if (!(environmentStrength >= 0 && environmentStrength <= 10)) {
            throw new IllegalArgumentException("environmentStrength must be in [0, 10], got " + environmentStrength);
        }
        if (environment == null) {
            throw new IllegalArgumentException("an environment model must be given");
        }
    }

    public static MockUniverseConfig defaults(long seed) {
        return new MockUniverseConfig(seed, DEFAULT_BOX_MPCH, DEFAULT_HOST_DENSITY, DEFAULT_CHUNKS,
                DEFAULT_SCATTER_DEX, 1.0, EnvironmentModel.NEIGHBOURS);
    }

    public MockUniverseConfig withBox(double box) {
        return new MockUniverseConfig(seed, box, hostDensity, chunks, scatterDex, environmentStrength, environment);
    }

    public MockUniverseConfig withEnvironmentStrength(double s) {
        return new MockUniverseConfig(seed, boxMpch, hostDensity, chunks, scatterDex, s, environment);
    }

    public MockUniverseConfig withEnvironment(EnvironmentModel m) {
        return new MockUniverseConfig(seed, boxMpch, hostDensity, chunks, scatterDex, environmentStrength, m);
    }

    public MockUniverseConfig withChunks(int c) {
        return new MockUniverseConfig(seed, boxMpch, hostDensity, c, scatterDex, environmentStrength, environment);
    }

    /** Expected number of host halos, n L^3. */
    public long expectedHosts() {
        return Math.round(hostDensity * boxMpch * boxMpch * boxMpch);
    }

    /** The configuration as recorded in the mock's sidecar and HDF5 headers. */
    public ObjectNode json() {
        ObjectNode n = Json.object();
        n.put("seed", seed);
        n.put("box_mpch", boxMpch);
        n.put("host_density_h3_mpc3", hostDensity);
        n.put("chunks", chunks);
        n.put("scatter_dex", scatterDex);
        n.put("environment_strength", environmentStrength);
        n.put("environment", environment.key());
        n.put("hubble", HUBBLE);
        return n;
    }

    public String toJson() {
        return Json.line(json());
    }
}
