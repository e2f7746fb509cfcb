package org.cosmicweb.simulations;

import org.cosmicweb.common.Numbers;

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
 * are read, as are Arepo's {@code SubhaloGrNr} and Gadget-4's {@code SubhaloGroupNr}, and HubbleParam is taken
 * from {@code Parameters} when the Header lacks it.
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
            requireTngCodeUnits(h, first);
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
        String grField = "Subhalo/SubhaloGrNr";
        int baryonic = 0;
        for (int c = 0; c < numFiles; c++) {
            Path file = chunk.apply(c);
            if (!Files.isRegularFile(file)) {
                throw new CatalogException("missing chunk " + file + " (Header/NumFiles = " + numFiles + ")");
            }
            try (Hdf5Fields h = Hdf5Fields.open(file)) {
                if (c > 0) {
                    sameAsFirst(h, first, "NumFiles", numFiles);
                    sameAsFirst(h, first, subhaloKey(h, "Total"), nSub);
                    sameAsFirst(h, first, "Ngroups_Total", nGroups);
                    sameAsFirst(h, first, "BoxSize", box);
                }
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
                        float[] p = h.floats("Subhalo/SubhaloPos", ns, 3);
                        checkInsideBox(file, p, box, subOffset);
                        System.arraycopy(p, 0, pos, 3 * subOffset, 3 * ns);
                    }
                    if (vel != null) {
                        System.arraycopy(h.floats("Subhalo/SubhaloVel", ns, 3), 0, vel, 3 * subOffset, 3 * ns);
                    }
                    if (vmax != null) {
                        System.arraycopy(h.floatColumn("Subhalo/SubhaloVmax", ns, 1, 0), 0, vmax, subOffset, ns);
                    }
                    float[] massType = h.floats("Subhalo/SubhaloMassType", ns, 6);
                    for (int i = 0; i < ns; i++) {
                        for (int t = 0; t < 6; t++) {
                            if (massType[6 * i + t] < 0) {
                                throw CatalogException.at(file, "Subhalo/SubhaloMassType", "subhalo " + (subOffset + i)
                                        + " (row " + i + " of this chunk) has mass " + massType[6 * i + t] + " of particle"
                                        + " type " + t + " (expected masses >= 0)");
                            }
                        }
                        dmMass[subOffset + i] = massType[6 * i + 1];
                        if (starMass != null) {
                            starMass[subOffset + i] = massType[6 * i + 4];
                        }
                        if (massType[6 * i] > 0 || massType[6 * i + 4] > 0) {
                            baryonic++;
                        }
                    }
                    if (starLen != null) {
                        int[] len = h.intColumn("Subhalo/SubhaloLenType", ns, 6, 4);
                        for (int i = 0; i < ns; i++) {
                            if (len[i] < 0) {
                                throw CatalogException.at(file, "Subhalo/SubhaloLenType", "subhalo " + (subOffset + i)
                                        + " (row " + i + " of this chunk) has " + len[i] + " star particles (expected a"
                                        + " count >= 0)");
                            }
                        }
                        System.arraycopy(len, 0, starLen, subOffset, ns);
                    }
                    grField = groupNumberField(h);
                    System.arraycopy(h.intColumn(grField, ns, 1, 0), 0, grNr, subOffset, ns);
                    if (requireFlag || h.has("Subhalo/SubhaloFlag")) {
                        System.arraycopy(h.intColumn("Subhalo/SubhaloFlag", ns, 1, 0), 0, flag, subOffset, ns);
                        flagSeen = true;
                    } else {
                        java.util.Arrays.fill(flag, subOffset, subOffset + ns, 1);
                        flagMissing = true;
                    }
                    // SUBFIND stores subhalos group by group: a group number lower than the one before,
                    // here or at the start of a chunk, means chunks out of order (renamed or swapped).
                    for (int i = subOffset; i < subOffset + ns; i++) {
                        if (i > 0 && grNr[i] < grNr[i - 1]) {
                            throw CatalogException.at(file, grField, "subhalo " + i + " (row " + (i - subOffset)
                                    + " of chunk " + c + ") belongs to group " + grNr[i] + " after a subhalo of group "
                                    + grNr[i - 1] + (i == subOffset ? " at the end of chunk " + (c - 1) : "")
                                    + ": SUBFIND stores subhalos in group order, so the chunk files are out of order or"
                                    + " do not belong together (expected non-decreasing group numbers across chunks"
                                    + " 0.." + (numFiles - 1) + ")");
                        }
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
                throw CatalogException.at(where, grField,
                        "subhalo " + i + " names group " + grNr[i] + " (expected 0.." + (nGroups - 1) + ")");
            }
        }
        for (int g = 0; g < nGroups; g++) {
            if (firstSub[g] >= nSub || firstSub[g] < -1) {
                throw CatalogException.at(where, "Group/GroupFirstSub",
                        "group " + g + " names subhalo " + firstSub[g] + " (expected -1 or 0.." + (nSub - 1) + ")");
            }
            if (firstSub[g] >= 0 && grNr[firstSub[g]] != g) {
                throw CatalogException.at(where, "Group/GroupFirstSub", "group " + g + " names subhalo " + firstSub[g]
                        + " as its first, but that subhalo belongs to group " + grNr[firstSub[g]]
                        + " (" + grField + "): the group and subhalo tables disagree (chunks out of order?)");
            }
        }
        return new RunCatalog(where, box, hubble, redshift, nSub, nGroups,
                pos, vel, vmax, dmMass, starMass, starLen, grNr, flagMissing ? null : flag, firstSub, baryonic);
    }

    /** A header value of a later chunk must be the first chunk's: chunks of one catalog share them. */
    private static void sameAsFirst(Hdf5Fields h, Path first, String key, double expected) {
        double v = h.number(HEADER, key);
        if (v != expected) {
            throw CatalogException.at(h.path(), HEADER + "/" + key, "is " + Numbers.plain(v) + " but "
                    + Numbers.plain(expected) + " in " + first.getFileName() + ": the chunks do not belong to one catalog");
        }
    }

    /**
     * Positions must lie in the box; SUBFIND may leave a coordinate just outside after float
     * rounding at a face (or one periodic image away), which the readers wrap. Anything more than one
     * box length outside [0, L) is no rounding: the file is wrong, or its BoxSize is.
     */
    static void checkInsideBox(Path file, float[] pos, double box, int firstRow) {
        for (int k = 0; k < pos.length; k++) {
            double x = pos[k];
            if (x < -box || x >= 2 * box) {
                throw CatalogException.at(file, "Subhalo/SubhaloPos", "subhalo " + (firstRow + k / 3) + " has "
                        + "xyz".charAt(k % 3) + " = " + x + ", more than one box length outside [0, " + Numbers.plain(box)
                        + ") (Header/BoxSize, code units; expected positions inside the periodic box)");
            }
        }
    }

    /**
     * The catalog's code units, where its {@code Parameters} group states them, must be TNG's (1e10
     * Msun/h, ckpc/h, km/s, as {@link TngUnits} states them), which {@link TngUnits} converts: a run in Msun or Mpc would otherwise read
     * 10 dex too heavy, or 1000 times too small, without a word.
     */
    private static void requireTngCodeUnits(Hdf5Fields h, Path file) {
        for (int k = 0; k < TngUnits.CODE_UNIT_PARAMETERS.length; k++) {
            String name = TngUnits.CODE_UNIT_PARAMETERS[k];
            double tng = TngUnits.CODE_UNITS_CGS[k];
            if (h.hasAttribute("Parameters", name)) {
                double v = h.number("Parameters", name);
                if (!(Math.abs(v / tng - 1) < 1e-3)) {
                    throw CatalogException.at(file, "Parameters/" + name, "is " + v + " (expected " + tng + ", "
                            + TngUnits.CODE_UNIT_WORDS[k] + ": this reader converts TNG's code units, 1e10 Msun/h, ckpc/h and km/s; a"
                            + " run in other units can be exported to a table and read with --table and its units)");
                }
            }
        }
    }

    /** Arepo's {@code Subhalo/SubhaloGrNr}, or Gadget-4's (and MTNG's) {@code Subhalo/SubhaloGroupNr} where only that exists. */
    private static String groupNumberField(Hdf5Fields h) {
        return !h.has("Subhalo/SubhaloGrNr") && h.has("Subhalo/SubhaloGroupNr") ? "Subhalo/SubhaloGroupNr"
                : "Subhalo/SubhaloGrNr";
    }

    /** Arepo's {@code Nsubgroups_<suffix>}, or Gadget-4's {@code Nsubhalos_<suffix>} where only that exists. */
    private static String subhaloKey(Hdf5Fields h, String suffix) {
        String arepo = "Nsubgroups_" + suffix;
        String gadget4 = "Nsubhalos_" + suffix;
        return !h.hasAttribute(HEADER, arepo) && h.hasAttribute(HEADER, gadget4) ? gadget4 : arepo;
    }
}
