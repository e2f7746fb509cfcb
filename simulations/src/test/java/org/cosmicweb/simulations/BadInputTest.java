package org.cosmicweb.simulations;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.cosmicweb.simulations.TinyTng.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of bad input gives a message naming the file and the field and what was expected. */
class BadInputTest {
    @TempDir
    Path dir;

    private static final Row[] TWO = {
        new Row(0, 1, 1, 1, 1e13, 1e11, 500, true),
        new Row(1, 2, 2, 2, 1e12, 1e10, 500, true),
    };

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
        }
    }

    private TngLayout good(int chunks) throws Exception {
        return TinyTng.write(dir, TWO, TWO, 2, new int[] {0, 1}, new int[] {0, 1}, chunks);
    }

    /** Rewrites dark chunk 0 (whole catalog in one chunk) with the given Subhalo datasets. */
    private TngLayout darkWithSubhaloFields(Map<String, Object> fields) throws Exception {
        TngLayout layout = good(1);
        Path chunk = layout.chunk(layout.darkGroups(), 0);
        Files.delete(chunk);
        try (WritableHdfFile f = HdfFile.write(chunk)) {
            writeHeader(f, 2, 2);
            f.putGroup("Group").putDataset("GroupFirstSub", new int[] {0, 1});
            WritableGroup s = f.putGroup("Subhalo");
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                s.putDataset(e.getKey(), e.getValue());
            }
        }
        return layout;
    }

    /** A one-chunk Header for a 10 Mpc/h box. */
    private static void writeHeader(WritableHdfFile f, int groups, int subhalos) {
        WritableGroup h = f.putGroup("Header");
        h.putAttribute("NumFiles", 1);
        h.putAttribute("Ngroups_ThisFile", groups);
        h.putAttribute("Nsubgroups_ThisFile", subhalos);
        h.putAttribute("Ngroups_Total", groups);
        h.putAttribute("Nsubgroups_Total", subhalos);
        h.putAttribute("BoxSize", 10000.0);
        h.putAttribute("HubbleParam", TinyTng.H);
        h.putAttribute("Redshift", 0.0);
    }

    private static Map<String, Object> validFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("SubhaloPos", new float[][] {{1000, 1000, 1000}, {2000, 2000, 2000}});
        m.put("SubhaloVel", new float[][] {{1, 2, 3}, {1, 2, 3}});
        m.put("SubhaloVmax", new float[] {200, 150});
        m.put("SubhaloMassType", new float[][] {{0, 677, 0, 0, 0, 0}, {0, 67.7f, 0, 0, 0, 0}});
        m.put("SubhaloLenType", new int[][] {{0, 1000, 0, 0, 0, 0}, {0, 1000, 0, 0, 0, 0}});
        m.put("SubhaloGrNr", new int[] {0, 1});
        m.put("SubhaloFlag", new int[] {1, 1});
        return m;
    }

    private static final EnumSet<RunCatalog.Field> ALL = EnumSet.allOf(RunCatalog.Field.class);

    @Test
    void handWrittenValidChunkReads() throws Exception {
        TngLayout layout = darkWithSubhaloFields(validFields());
        SubhaloCatalog cat = TngCatalogLoader.load(layout, new CatalogCuts(9, 11, 50, true));
        assertTrue(cat.size() == 2, "both galaxies pass: " + cat);
    }

    @Test
    void missingFolder() {
        TngLayout layout = TngLayout.of(dir.resolve("nowhere"));
        Exception e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertMessage(e, "missing group catalog folder", "TNG300-1-Dark");
    }

    @Test
    void missingChunk() throws Exception {
        TngLayout layout = good(2);
        Files.delete(layout.chunk(layout.hydroGroups(), 1));
        Exception e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertMessage(e, "missing chunk", "fof_subhalo_tab_099.1.hdf5", "NumFiles = 2");
    }

    @Test
    void notAnHdf5File() throws Exception {
        TngLayout layout = good(1);
        Files.writeString(layout.chunk(layout.darkGroups(), 0), "this is not HDF5");
        Exception e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertMessage(e, "not a readable HDF5 file", "fof_subhalo_tab_099.0.hdf5");
    }

    @Test
    void missingDataset() throws Exception {
        Map<String, Object> f = validFields();
        f.remove("SubhaloVmax");
        TngLayout layout = darkWithSubhaloFields(f);
        Exception e = assertThrows(CatalogException.class,
                () -> GroupCatalogReader.read(layout, layout.darkGroups(), ALL));
        assertMessage(e, "Subhalo/SubhaloVmax", "fof_subhalo_tab_099.0.hdf5", "missing", "float32[2]");
    }

    @Test
    void wrongShape() throws Exception {
        Map<String, Object> f = validFields();
        f.put("SubhaloPos", new float[][] {{1, 2}, {3, 4}});
        TngLayout layout = darkWithSubhaloFields(f);
        Exception e = assertThrows(CatalogException.class,
                () -> GroupCatalogReader.read(layout, layout.darkGroups(), ALL));
        assertMessage(e, "Subhalo/SubhaloPos", "has shape [2, 2]", "float32[2,3]");
    }

    @Test
    void wrongDtype() throws Exception {
        Map<String, Object> f = validFields();
        f.put("SubhaloGrNr", new float[] {0, 1});
        TngLayout layout = darkWithSubhaloFields(f);
        Exception e = assertThrows(CatalogException.class,
                () -> GroupCatalogReader.read(layout, layout.darkGroups(), ALL));
        assertMessage(e, "Subhalo/SubhaloGrNr", "expected an integer type");
    }

    @Test
    void nanValues() throws Exception {
        Map<String, Object> f = validFields();
        f.put("SubhaloVel", new float[][] {{1, 2, 3}, {1, Float.NaN, 3}});
        TngLayout layout = darkWithSubhaloFields(f);
        Exception e = assertThrows(CatalogException.class,
                () -> GroupCatalogReader.read(layout, layout.darkGroups(), ALL));
        assertMessage(e, "Subhalo/SubhaloVel", "NaN", "row 1");
    }

    @Test
    void unsignedMinusOneInGroupFirstSubReadsAsMinusOne() throws Exception {
        TngLayout layout = good(1);
        Path chunk = layout.chunk(layout.darkGroups(), 0);
        Files.delete(chunk);
        try (WritableHdfFile f = HdfFile.write(chunk)) {
            writeHeader(f, 3, 2);
            f.putGroup("Group").putDataset("GroupFirstSub", new long[] {0, 1, 4294967295L});
            WritableGroup s = f.putGroup("Subhalo");
            validFields().forEach(s::putDataset);
        }
        RunCatalog dark = GroupCatalogReader.read(layout, layout.darkGroups(), ALL);
        assertTrue(dark.groupFirstSub()[2] == -1, "4294967295 must read as -1");
        assertTrue(dark.isCentral(0) && dark.isCentral(1));
    }

    @Test
    void matchingFileOfTheWrongLength() throws Exception {
        TngLayout layout = good(1);
        TinyTng.writeMatching(layout, new int[] {0, 1, 1}, new int[] {0, 1, 1});
        Exception e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertMessage(e, "subhalo_matching_to_dark.hdf5", "SubhaloIndexDark_LHaloTree", "has 3 entries", "2 subhalos");
    }

    @Test
    void matchingIndexOutOfRange() throws Exception {
        TngLayout layout = good(1);
        TinyTng.writeMatching(layout, new int[] {0, 7}, new int[] {0, 7});
        Exception e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertMessage(e, "SubhaloIndexDark_LHaloTree", "entry 1 is 7", "0..1");
    }

    @Test
    void missingMatchingFile() throws Exception {
        TngLayout layout = good(1);
        Files.delete(layout.matchingFile());
        Exception e = assertThrows(CatalogException.class, () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE));
        assertMessage(e, "missing file", "subhalo_matching_to_dark.hdf5");
    }
}
