package org.cosmicweb.simulations;

import org.cosmicweb.simulations.TinyTng.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graph nodes chosen by dark-matter cuts on a TNG pair, and the same nodes from the dark run alone. */
class TngGraphNodesTest {
    @TempDir
    Path dir;

    private TngLayout pair() throws Exception {
        Row[] hydro = {
            new Row(0, 1, 1, 1, 8e12, 2e11, 5000, true),   // -> dark 0: passes every cut
            new Row(0, 1.1, 1, 1, 8e11, 7e8, 60, true),    // -> dark 1: log M* 8.85 fails
            new Row(1, 9.999, 5, 5, 2e12, 2e10, 400, true), // -> dark 3: passes
        };
        return TinyTng.write(dir, CatalogCutsTest.DARK, hydro, 2, new int[] {0, 1, 3}, new int[] {0, 1, 3}, 1);
    }

    @Test
    void dmoNodesAreTheDarkSubhalosPassingTheDarkCuts() throws Exception {
        LoadedCatalog c = TngCatalogLoader.load(pair(), CatalogCuts.LITERATURE, GraphNodes.DMO);
        assertArrayEquals(new long[] {0, 3}, c.galaxies().darkIds());
        assertArrayEquals(new long[] {1}, c.others().darkIds(), "dark 2 fails the dark-mass cut, 0 and 3 are galaxies");
        assertArrayEquals(new long[] {-1}, c.others().hydroIds());
        assertEquals(Math.log10(1e12), c.others().logMhaloMsun()[0], 1e-6);
        assertTrue(Double.isNaN(c.others().logMstarMsun()[0]));
        LoadedCatalog s = TngCatalogLoader.load(pair(), CatalogCuts.LITERATURE, GraphNodes.SELECTED);
        assertEquals(0, s.others().size());
        assertArrayEquals(c.galaxies().darkIds(), s.galaxies().darkIds(), "the scored galaxies do not depend on the nodes");
    }

    @Test
    void aFolderWithOnlyTheDarkRunLoadsItsNodesAndRefusesSelectedNodes() throws Exception {
        TngLayout layout = pair();
        LoadedCatalog full = TngCatalogLoader.load(layout, CatalogCuts.LITERATURE, GraphNodes.DMO);
        org.cosmicweb.common.AtomicOutput.deleteTree(layout.root().resolve(layout.hydroRun()));
        CatalogException e = assertThrows(CatalogException.class,
                () -> TngCatalogLoader.load(layout, CatalogCuts.LITERATURE, GraphNodes.SELECTED));
        assertTrue(e.getMessage().contains("no hydro run") && e.getMessage().contains("--graph-nodes dmo")
                && e.getMessage().contains("cannot reproduce"), e.getMessage());
        LoadedCatalog dark = TngCatalogLoader.load(layout, CatalogCuts.LITERATURE, GraphNodes.DMO);
        assertTrue(dark.darkOnly());
        assertArrayEquals(new long[] {0, 1, 3}, dark.galaxies().darkIds());
        // Node for node the same properties as the pair's galaxies and other nodes.
        SubhaloCatalog g = full.galaxies();
        SubhaloCatalog o = full.others();
        SubhaloCatalog d = dark.galaxies();
        assertArrayEquals(new double[] {g.logMhaloMsun()[0], o.logMhaloMsun()[0], g.logMhaloMsun()[1]}, d.logMhaloMsun(), 0);
        assertArrayEquals(new boolean[] {g.isCentral()[0], o.isCentral()[0], g.isCentral()[1]}, d.isCentral());
        assertEquals(g.positionsMpc()[3], d.positionsMpc()[6], 0);
    }
}
