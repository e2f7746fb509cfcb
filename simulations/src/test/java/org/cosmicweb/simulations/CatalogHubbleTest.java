package org.cosmicweb.simulations;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A catalog carries its cosmology's h through concatenation, subsets and dropped velocities. */
class CatalogHubbleTest {
    private static SubhaloCatalog one(double h) {
        return new SubhaloCatalog("box h=" + h, 10, new long[] {1}, new long[] {1}, new double[] {1, 2, 3},
                new double[] {0, 0, 5}, new double[] {12}, new double[] {2.3}, new boolean[] {true},
                new double[] {10}, null, null, new SubhaloCatalog.CatalogStats(1, 1, 1, 1), h);
    }

    @Test
    void hIsKeptAndCatalogsOfDifferentHDoNotMix() {
        assertEquals(0.5, SubhaloCatalog.concat("s", List.of(one(0.5), one(0.5))).hubble());
        assertEquals(0.5, SubhaloCatalog.concat("s", List.of(one(Double.NaN), one(0.5))).hubble(),
                "a part that does not say its h takes the others'");
        assertTrue(Double.isNaN(SubhaloCatalog.concat("s", List.of(one(Double.NaN), one(Double.NaN))).hubble()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubhaloCatalog.concat("s", List.of(one(0.5), one(0.6711))));
        assertTrue(e.getMessage().contains("box h=0.6711 has h = 0.6711 but box h=0.5 h = 0.5"), e.getMessage());
        assertEquals(0.6711, one(0.6711).subset(new int[] {0}).hubble());
        assertEquals(0.6711, one(0.6711).withoutVelocities().hubble());
        assertThrows(IllegalArgumentException.class, () -> one(-1));
        assertTrue(Double.isNaN(SubhaloCatalog.empty("e", 10).hubble()));
    }

    @Test
    void sourcesSayTheirH() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("hubble");
        java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("t.csv"), TableSourceTest.TABLE);
        LoadedCatalog c = new TableSource(f, TableColumns.fromJson(TableSourceTest.MAPPING, "m.json"))
                .load(TableSourceTest.CUTS, GraphNodes.SELECTED);
        assertEquals(0.5, c.galaxies().hubble(), "the mapping's hubble");
    }
}
