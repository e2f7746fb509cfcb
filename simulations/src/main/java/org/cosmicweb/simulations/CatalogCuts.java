package org.cosmicweb.simulations;

/**
 * Selection applied to matched hydro/dark pairs; defaults follow Wu and Jespersen (2023):
 * log10 M* &gt; 9, log10 M_DM &gt; 11 in both runs (Msun), more than 50 star particles, and
 * SubhaloFlag != 0 in both runs.
 *
 * @param minLogMstarMsun   hydro stellar mass threshold, log10 Msun (exclusive)
 * @param minLogMhaloMsun   subhalo dark-matter mass threshold in both runs, log10 Msun (exclusive)
 * @param minStarParticles  star particles, exclusive (keep when SubhaloLenType[4] &gt; this)
 * @param requireFlag       drop subhalos whose SubhaloFlag is 0 (non-cosmological origin)
 */
public record CatalogCuts(double minLogMstarMsun, double minLogMhaloMsun, int minStarParticles, boolean requireFlag) {
    public static final CatalogCuts LITERATURE = new CatalogCuts(9.0, 11.0, 50, true);

    public CatalogCuts {
        if (!Double.isFinite(minLogMstarMsun) || minLogMstarMsun < 0 || minLogMstarMsun > 13) {
            throw new IllegalArgumentException("minLogMstarMsun must be in [0, 13] (log10 Msun), got " + minLogMstarMsun);
        }
        if (!Double.isFinite(minLogMhaloMsun) || minLogMhaloMsun < 0 || minLogMhaloMsun > 16) {
            throw new IllegalArgumentException("minLogMhaloMsun must be in [0, 16] (log10 Msun), got " + minLogMhaloMsun);
        }
        if (minStarParticles < 0) {
            throw new IllegalArgumentException("minStarParticles must be >= 0, got " + minStarParticles);
        }
    }
}
