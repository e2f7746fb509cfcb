package org.cosmicweb.simulations.mock;

/**
 * One run's group catalog as TNG stores it, in code units (ckpc/h, 1e10 Msun/h, km/s), ready to
 * be written. Per-subhalo arrays are row-major: pos and vel [N, 3], massType and lenType [N, 6].
 * Subhalos are ordered by group, each group's first subhalo being its central.
 */
public record TngTables(double boxCode, int nSub, int nGroups,
                 float[] subPos, float[] subVel, float[] subVmax, float[] massType, int[] lenType,
                 int[] grNr, byte[] flag,
                 int[] groupFirstSub, int[] groupNsubs, float[] groupPos, float[] groupM200) {
}
