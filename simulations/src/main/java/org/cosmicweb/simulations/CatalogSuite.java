package org.cosmicweb.simulations;

import java.nio.file.Path;
import java.util.List;

/**
 * The boxes of a simulation suite, each its own periodic universe (CAMELS: one box per set of
 * cosmological and astrophysical parameters), with the parameters of each.
 *
 * @param source     the glob or file the boxes came from
 * @param boxes      boxes holding at least one galaxy after the cuts, by box number
 * @param parameters the parameter table, or null when none was given
 * @param skipped    boxes left out because no galaxy passed the cuts
 * @param seconds    wall time of the loading
 */
public record CatalogSuite(String source, List<Box> boxes, ParameterTable parameters, List<String> skipped,
                           double seconds) {
    /**
     * One box.
     *
     * @param name       its row in the parameter table (e.g. SB7_12), else its file name
     * @param number     its row's position in the parameter table, else its place in the sorted file list
     * @param file       the catalog it was read from
     * @param catalog    its galaxies (and other nodes)
     * @param parameters its row of the parameter table (every column, seed included), or empty
     */
    public record Box(String name, int number, Path file, LoadedCatalog catalog, double[] parameters) {
        public Box {
            parameters = parameters.clone();
        }
    }

    public CatalogSuite {
        boxes = List.copyOf(boxes);
        skipped = List.copyOf(skipped);
        if (boxes.isEmpty()) {
            throw new CatalogException("no box of " + source + " holds a galaxy passing the cuts (" + skipped.size()
                    + " boxes read)");
        }
        double box = boxes.get(0).catalog().galaxies().boxSizeMpc();
        for (Box b : boxes) {
            double l = b.catalog().galaxies().boxSizeMpc();
            if (Math.abs(l - box) > 1e-9 * box) {
                throw new CatalogException(b.file() + " is a " + l + " Mpc box but " + boxes.get(0).file() + " a " + box
                        + " Mpc one: the boxes of a suite must share their size");
            }
        }
    }

    public int galaxies() {
        return boxes.stream().mapToInt(b -> b.catalog().galaxies().size()).sum();
    }

    public boolean darkOnly() {
        return boxes.get(0).catalog().darkOnly();
    }
}
