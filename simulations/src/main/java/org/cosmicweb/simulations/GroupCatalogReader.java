package org.cosmicweb.simulations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a SUBFIND group catalog split over {@code Header/NumFiles} chunk files
 * {@code fof_subhalo_tab_SSS.N.hdf5}, reading only the fields asked for. Chunks without subhalos
 * (which TNG writes without a Subhalo group) are allowed.
 */
public final class GroupCatalogReader {
    private static final String HEADER = "Header";

    private GroupCatalogReader() {
    }

    public static RunCatalog read(TngLayout layout, Path groupsDir, Set<RunCatalog.Field> fields) {
        if (!Files.isDirectory(groupsDir)) {
            throw new CatalogException("missing group catalog folder " + groupsDir
                    + " (expected fof_subhalo_tab_" + String.format("%03d", layout.snapshot()) + ".N.hdf5 files)");
        }
        Path first = layout.chunk(groupsDir, 0);
        int numFiles;
        int nSub;
        int nGroups;
        double box;
        double hubble;
        double redshift;
        try (Hdf5Fields h = Hdf5Fields.open(first)) {
            numFiles = h.count(HEADER, "NumFiles");
            nSub = h.count(HEADER, "Nsubgroups_Total");
            nGroups = h.count(HEADER, "Ngroups_Total");
            box = h.number(HEADER, "BoxSize");
            hubble = h.number(HEADER, "HubbleParam");
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
        int[] firstSub = new int[nGroups];

        int subOffset = 0;
        int groupOffset = 0;
        for (int c = 0; c < numFiles; c++) {
            Path chunk = layout.chunk(groupsDir, c);
            if (!Files.isRegularFile(chunk)) {
                throw new CatalogException("missing chunk " + chunk + " (Header/NumFiles = " + numFiles + ")");
            }
            try (Hdf5Fields h = Hdf5Fields.open(chunk)) {
                int ns = h.count(HEADER, "Nsubgroups_ThisFile");
                int ng = h.count(HEADER, "Ngroups_ThisFile");
                if (subOffset + ns > nSub || groupOffset + ng > nGroups) {
                    throw CatalogException.at(chunk, "Header/Nsubgroups_ThisFile, Header/Ngroups_ThisFile",
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
                    System.arraycopy(h.intColumn("Subhalo/SubhaloFlag", ns, 1, 0), 0, flag, subOffset, ns);
                }
                subOffset += ns;
                groupOffset += ng;
            }
        }
        if (subOffset != nSub || groupOffset != nGroups) {
            throw CatalogException.at(first, "Header/Nsubgroups_Total, Header/Ngroups_Total",
                    "say " + nSub + " subhalos and " + nGroups + " groups but the " + numFiles
                            + " chunks hold " + subOffset + " and " + groupOffset);
        }
        for (int i = 0; i < nSub; i++) {
            if (grNr[i] < 0 || grNr[i] >= nGroups) {
                throw CatalogException.at(groupsDir, "Subhalo/SubhaloGrNr",
                        "subhalo " + i + " names group " + grNr[i] + " (expected 0.." + (nGroups - 1) + ")");
            }
        }
        for (int g = 0; g < nGroups; g++) {
            if (firstSub[g] >= nSub) {
                throw CatalogException.at(groupsDir, "Group/GroupFirstSub",
                        "group " + g + " names subhalo " + firstSub[g] + " (expected -1 or 0.." + (nSub - 1) + ")");
            }
        }
        return new RunCatalog(groupsDir, box, hubble, redshift, nSub, nGroups,
                pos, vel, vmax, dmMass, starMass, starLen, grNr, flag, firstSub);
    }
}
