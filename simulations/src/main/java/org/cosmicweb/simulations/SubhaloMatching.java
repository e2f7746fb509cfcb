package org.cosmicweb.simulations;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Hydro to dark subhalo matching as in the literature: a hydro subhalo keeps its dark twin only
 * where the LHaloTree and SubLink matches agree and neither is -1. When two hydro subhalos claim
 * the same dark twin, the one with the lower hydro index (the earlier, more massive one in SUBFIND
 * order) keeps it, so the join is one-to-one.
 */
public final class SubhaloMatching {
    public static final String LHALOTREE = "SubhaloIndexDark_LHaloTree";
    public static final String SUBLINK = "SubhaloIndexDark_SubLink";

    private SubhaloMatching() {
    }

    /** Result: for each hydro subhalo its dark twin or -1, and how many were lost at each step. */
    public record Match(int[] hydroToDark, int agreeing, int disagreeing, int unmatched, int duplicates) {
        public int matched() {
            return agreeing - duplicates;
        }
    }

    public static Match read(TngLayout layout, int nHydro, int nDark) {
        Path file = layout.matchingFile();
        String group = layout.matchingGroup();
        int[] lhalo;
        int[] sublink;
        try (Hdf5Fields h = Hdf5Fields.open(file)) {
            for (String name : new String[] {LHALOTREE, SUBLINK}) {
                int len = h.length(group + "/" + name);
                if (len != nHydro) {
                    throw CatalogException.at(file, group + "/" + name, "has " + len
                            + " entries but the hydro catalog has " + nHydro + " subhalos (expected int32[" + nHydro + "])");
                }
            }
            lhalo = h.intColumn(group + "/" + LHALOTREE, nHydro, 1, 0);
            sublink = h.intColumn(group + "/" + SUBLINK, nHydro, 1, 0);
        }
        for (int i = 0; i < nHydro; i++) {
            checkRange(file, group + "/" + LHALOTREE, i, lhalo[i], nDark);
            checkRange(file, group + "/" + SUBLINK, i, sublink[i], nDark);
        }
        return join(lhalo, sublink, nDark);
    }

    private static void checkRange(Path file, String field, int i, int v, int nDark) {
        if (v < -1 || v >= nDark) {
            throw CatalogException.at(file, field, "entry " + i + " is " + v
                    + " (expected -1 or a dark subhalo index 0.." + (nDark - 1) + ")");
        }
    }

    /** The join itself, on arrays already checked to lie in -1..nDark-1. */
    public static Match join(int[] lhalo, int[] sublink, int nDark) {
        int n = lhalo.length;
        int[] out = new int[n];
        Arrays.fill(out, -1);
        boolean[] claimed = new boolean[nDark];
        int agreeing = 0;
        int disagreeing = 0;
        int unmatched = 0;
        int duplicates = 0;
        for (int i = 0; i < n; i++) {
            int a = lhalo[i];
            int b = sublink[i];
            if (a < 0 || b < 0) {
                unmatched++;
            } else if (a != b) {
                disagreeing++;
            } else {
                agreeing++;
                if (claimed[a]) {
                    duplicates++;
                } else {
                    claimed[a] = true;
                    out[i] = a;
                }
            }
        }
        return new Match(out, agreeing, disagreeing, unmatched, duplicates);
    }
}
