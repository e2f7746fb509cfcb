package org.cosmicweb.simulations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Reads a SUBFIND group catalog split over {@code Header/NumFiles} chunk files
 * ({@code fof_subhalo_tab_SSS.N.hdf5} in TNG, one {@code groups_SSS.hdf5} in CAMELS), reading only
 * the fields asked for. Chunks without subhalos (which TNG writes without a Subhalo group) are
 * allowed. Arepo names the totals {@code Nsubgroups_Total}, Gadget-4 {@code Nsubhalos_Total}; both
 * are read, and HubbleParam is taken from {@code Parameters} when the Header lacks it.
 */
public final class GroupCatalogReader {
    private static final String HEADER = "Header";

    private GroupCatalogReader() {
    }

    /** A TNG run's chunked catalog in {@code groupsDir}; SubhaloFlag is required. */
    public static RunCatalog read(TngLayout layout, Path groupsDir, Set<RunCatalog.Field> fields) {
        if (!Files.isDirectory(groupsDir)) {
            throw new CatalogException("missing group catalog folder " + groupsDir
                    + " (expected fof_subhalo_tab_" + String.format("%03d", layout.snapshot()) + ".N.hdf5 files)");
        }
        return read(groupsDir, c -> layout.chunk(groupsDir, c), fields, true);
    }

    /**
     * A catalog whose chunk {@code c} is {@code chunk.apply(c)}; {@code where} names it in messages.
     * Without {@code requireFlag} a missing {@code Subhalo/SubhaloFlag} (CAMELS writes none) reads as
     * every subhalo flagged good, and {@link RunCatalog#flag()} is null.
     */
    public static RunCatalog read(Path where, IntFunction<Path> chunk, Set<RunCatalog.Field> fields,
                                  boolean requireFlag) {
        Path first = chunk.apply(0);
        int numFiles;
        int nSub;
        int nGroups;
        double box;
        double hubble;
        double redshift;
        try (Hdf5Fields h = Hdf5Fields.open(first)) {
            numFiles = h.count(HEADER, "NumFiles");
            nSub = h.count(HEADER, subhaloKey(h, "Total"));
            nGroups = h.count(HEADER, "Ngroups_Total");
            box = h.number(HEADER, "BoxSize");
            hubble = h.hasAttribute(HEADER, "HubbleParam") || !h.hasAttribute("Parameters", "HubbleParam")
                    ? h.number(HEADER, "HubbleParam") : h.number("Parameters", "HubbleParam");
            redshift = h.number(HEADER, "Redshift");
        }
        if (numFiles < 1) {
            throw CatalogException.at(first, "Header/NumFiles", "is " + numFiles + " (expected >= 1)");
        }
        if (box <= 0 || hubble <= 0) {
            throw CatalogException.at(first, "Header/BoxSize, Header/HubbleParam",
                    "must be positive, got " + box + " and " + hubble);
        }
        EnumSet<RunCatalog.Field> want = fields.isEmpty() ? EnumSet.noneOf(RunCatalog.Field.class) : EnumSet.copyOf(fields);
        float[] pos = want.contains(RunCatalog.Field.POSITIONS) ? new float[3 * nSub] : null;
        float[] vel = want.contains(RunCatalog.Field.VELOCITIES) ? new float[3 * nSub] : null;
        float[] vmax = want.contains(RunCatalog.Field.VMAX) ? new float[nSub] : null;
        boolean stars = want.contains(RunCatalog.Field.STARS);
        float[] starMass = stars ? new float[nSub] : null;
        int[] starLen = stars ? new int[nSub] : null;
        float[] dmMass = new float[nSub];
        int[] grNr = new int[nSub];
        int[] flag = new int[nSub];
        boolean flagSeen = false;
        boolean flagMissing = false;
        int[] firstSub = new int[nGroups];

        int subOffset = 0;
        int groupOffset = 0;
        for (int c = 0; c < numFiles; c++) {
            Path file = chunk.apply(c);
            if (!Files.isRegularFile(file)) {
                throw new CatalogException("missing chunk " + file + " (Header/NumFiles = " + numFiles + ")");
            }
            try (Hdf5Fields h = Hdf5Fields.open(file)) {
                int ns = h.count(HEADER, subhaloKey(h, "ThisFile"));
                int ng = h.count(HEADER, "Ngroups_ThisFile");
                if (subOffset + ns > nSub || groupOffset + ng > nGroups) {
                    throw CatalogException.at(file, "Header/Nsubgroups_ThisFile, Header/Ngroups_ThisFile",
                            "chunks hold more than Nsubgroups_Total = " + nSub + " / Ngroups_Total = " + nGroups);
                }
                if (ng > 0) {
                    System.arraycopy(h.intColumn("Group/GroupFirstSub", ng, 1, 0), 0, firstSub, groupOffset, ng);
                }
                if (ns > 0) {
                    if (pos != null) {
                        System.arraycopy(h.floats("Subhalo/SubhaloPos", ns, 3), 0, pos, 3 * subOffset, 3 * ns);
                    }
                    if (vel != null) {
                        System.arraycopy(h.floats("Subhalo/SubhaloVel", ns, 3), 0, vel, 3 * subOffset, 3 * ns);
                    }
                    if (vmax != null) {
                        System.arraycopy(h.floatColumn("Subhalo/SubhaloVmax", ns, 1, 0), 0, vmax, subOffset, ns);
                    }
                    float[] massType = h.floats("Subhalo/SubhaloMassType", ns, 6);
                    for (int i = 0; i < ns; i++) {
                        dmMass[subOffset + i] = massType[6 * i + 1];
                        if (starMass != null) {
                            starMass[subOffset + i] = massType[6 * i + 4];
                        }
                    }
                    if (starLen != null) {
                        System.arraycopy(h.intColumn("Subhalo/SubhaloLenType", ns, 6, 4), 0, starLen, subOffset, ns);
                    }
                    System.arraycopy(h.intColumn("Subhalo/SubhaloGrNr", ns, 1, 0), 0, grNr, subOffset, ns);
                    if (requireFlag || h.has("Subhalo/SubhaloFlag")) {
                        System.arraycopy(h.intColumn("Subhalo/SubhaloFlag", ns, 1, 0), 0, flag, subOffset, ns);
                        flagSeen = true;
                    } else {
                        java.util.Arrays.fill(flag, subOffset, subOffset + ns, 1);
                        flagMissing = true;
                    }
                }
                subOffset += ns;
                groupOffset += ng;
            }
        }
        if (flagSeen && flagMissing) {
            throw CatalogException.at(where, "Subhalo/SubhaloFlag", "is present in some chunks but not in others");
        }
        if (subOffset != nSub || groupOffset != nGroups) {
            throw CatalogException.at(first, "Header/Nsubgroups_Total, Header/Ngroups_Total",
                    "say " + nSub + " subhalos and " + nGroups + " groups but the " + numFiles
                            + " chunks hold " + subOffset + " and " + groupOffset);
        }
        for (int i = 0; i < nSub; i++) {
            if (grNr[i] < 0 || grNr[i] >= nGroups) {
                throw CatalogException.at(where, "Subhalo/SubhaloGrNr",
                        "subhalo " + i + " names group " + grNr[i] + " (expected 0.." + (nGroups - 1) + ")");
            }
        }
        for (int g = 0; g < nGroups; g++) {
            if (firstSub[g] >= nSub) {
                throw CatalogException.at(where, "Group/GroupFirstSub",
                        "group " + g + " names subhalo " + firstSub[g] + " (expected -1 or 0.." + (nSub - 1) + ")");
            }
        }
        return new RunCatalog(where, box, hubble, redshift, nSub, nGroups,
                pos, vel, vmax, dmMass, starMass, starLen, grNr, flagMissing ? null : flag, firstSub);
    }

    /** Arepo's {@code Nsubgroups_<suffix>}, or Gadget-4's {@code Nsubhalos_<suffix>} where only that exists. */
    private static String subhaloKey(Hdf5Fields h, String suffix) {
        String arepo = "Nsubgroups_" + suffix;
        String gadget4 = "Nsubhalos_" + suffix;
        return !h.hasAttribute(HEADER, arepo) && h.hasAttribute(HEADER, gadget4) ? gadget4 : arepo;
    }
}
