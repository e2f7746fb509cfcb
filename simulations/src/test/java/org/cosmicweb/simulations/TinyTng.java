package org.cosmicweb.simulations;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import org.cosmicweb.simulations.mock.GroupCatalogWriter;
import org.cosmicweb.simulations.mock.MockUniverseConfig;
import org.cosmicweb.simulations.mock.TngTables;
import org.cosmicweb.simulations.mock.TngTablesBuilder;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hand-built TNG catalogs with known content. Subhalo rows are given in physical units
 * (Mpc, Msun) and converted to code units here, independently of the reader.
 */
final class TinyTng {
    static final double H = MockUniverseConfig.HUBBLE;
    static final double BOX_MPCH = 10.0;

    /** One subhalo row: group, position in Mpc/h, DM and stellar mass in Msun, star particles, flag. */
    record Row(int group, double x, double y, double z, double dmMsun, double starMsun, int nStar, boolean flag) {
    }

    static TngTables tables(Row[] rows, int nGroups) {
        return tables(rows, nGroups, false);
    }

    /** As {@link #tables(Row[], int)}; a dark run ({@code dark}) has no stars, whatever the rows say. */
    static TngTables tables(Row[] rows, int nGroups, boolean dark) {
        TngTablesBuilder b = new TngTablesBuilder(BOX_MPCH * 1000, rows.length, nGroups);
        int[] members = new int[nGroups];
        for (Row r : rows) {
            double dm = r.dmMsun() * H / 1e10;
            double st = dark ? 0 : r.starMsun() * H / 1e10;
            b.addSubhalo(r.group(), r.x() * 1000, r.y() * 1000, r.z() * 1000, 1, 2, 3, 150f,
                    new double[] {0, dm, 0, 0, st, 0}, new int[] {0, 1000, 0, 0, dark ? 0 : r.nStar(), 0}, r.flag());
            members[r.group()]++;
        }
        for (int g = 0; g < nGroups; g++) {
            b.addGroup(g, members[g], 0, 0, 0, 1.0);
        }
        return b.build();
    }

    /** Writes both runs (one chunk each unless asked) and the matching file under root. */
    static TngLayout write(Path root, Row[] dark, Row[] hydro, int nGroups, int[] lhalo, int[] sublink, int chunks)
            throws Exception {
        TngLayout layout = TngLayout.of(root);
        GroupCatalogWriter.write(tables(dark, nGroups, true), chunks, layout, layout.darkGroups(), null);
        GroupCatalogWriter.write(tables(hydro, nGroups), chunks, layout, layout.hydroGroups(), null);
        writeMatching(layout, lhalo, sublink);
        return layout;
    }

    static void writeMatching(TngLayout layout, int[] lhalo, int[] sublink) throws Exception {
        Files.createDirectories(layout.matchingFile().getParent());
        try (WritableHdfFile f = HdfFile.write(layout.matchingFile())) {
            var g = f.putGroup(layout.matchingGroup());
            g.putDataset(SubhaloMatching.LHALOTREE, lhalo);
            g.putDataset(SubhaloMatching.SUBLINK, sublink);
        }
    }
}
