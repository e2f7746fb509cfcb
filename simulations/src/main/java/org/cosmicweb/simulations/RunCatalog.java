package org.cosmicweb.simulations;

import java.nio.file.Path;

/**
 * The fields of one run's SUBFIND group catalog that this project uses, concatenated over chunk
 * files, still in TNG code units (see {@link TngUnits}). Arrays not requested from the reader are
 * null. Per-subhalo arrays have length {@code nSubhalos} (times 3 for positions and velocities,
 * row-major); {@code groupFirstSub} has length {@code nGroups} and holds -1 for groups without
 * subhalos. {@code flag} is null when the catalog has no SubhaloFlag (CAMELS writes none).
 * {@code baryonicSubhalos} counts subhalos with gas or stellar mass (SubhaloMassType[:,0] or [:,4]
 * above 0): none in a dark-matter-only run.
 */
public record RunCatalog(
        Path groupsDir,
        double boxSizeCode,
        double hubble,
        double redshift,
        int nSubhalos,
        int nGroups,
        float[] pos,
        float[] vel,
        float[] vmax,
        float[] dmMass,
        float[] starMass,
        int[] starLen,
        int[] grNr,
        int[] flag,
        int[] groupFirstSub,
        int baryonicSubhalos) {

    /** Fields beyond the always-read DM mass, group number, flag and GroupFirstSub. */
    public enum Field { POSITIONS, VELOCITIES, VMAX, STARS }

    /** SubhaloFlag of subhalo {@code i} is set (or the catalog has no flags). */
    public boolean flagged(int i) {
        return flag == null || flag[i] != 0;
    }

    /**
     * Checks that this is a dark-matter-only run: no subhalo has gas or stellar mass. A hydro run
     * given as the dark run would otherwise pair every galaxy with a hydro twin of itself.
     *
     * @param option the option that named the run, for the message (e.g. "--dark-run TNG300-1-Dark")
     */
    public void requireDark(String option) {
        if (baryonicSubhalos > 0) {
            throw CatalogException.at(groupsDir, "Subhalo/SubhaloMassType", baryonicSubhalos + " of " + nSubhalos
                    + " subhalos have gas or stellar mass (columns 0 and 4), so this is not a dark-matter-only run;"
                    + " " + option + " must name the dark run (e.g. TNG300-1-Dark), not a hydro run");
        }
    }

    /** True when subhalo {@code i} is the first (central) subhalo of its FoF group. */
    public boolean isCentral(int i) {
        int g = grNr[i];
        return g >= 0 && g < nGroups && groupFirstSub[g] == i;
    }
}
