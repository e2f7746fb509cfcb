package org.cosmicweb.simulations;

/**
 * What a {@link CatalogSource} yields.
 *
 * @param galaxies   the rows to score: galaxies passing every cut (their log M* is the target), or,
 *                   for a dark-matter-only catalog, every node (log M* NaN: nothing to compare with)
 * @param others     with {@link GraphNodes#DMO}: the further subhalos that pass the dark-matter cuts
 *                   but not the stellar ones; they are graph nodes that only send messages (log M*
 *                   NaN). Empty with {@link GraphNodes#SELECTED}
 * @param graphNodes how the graph nodes were chosen
 * @param darkOnly   the catalog has no stellar masses (a dark-matter-only run): it can be predicted
 *                   on, not trained on
 */
public record LoadedCatalog(SubhaloCatalog galaxies, SubhaloCatalog others, GraphNodes graphNodes, boolean darkOnly) {
    public LoadedCatalog {
        if (galaxies == null || others == null || graphNodes == null) {
            throw new IllegalArgumentException("galaxies, other nodes and the graph-node choice must be given");
        }
        if (others.boxSizeMpc() != galaxies.boxSizeMpc()) {
            throw new IllegalArgumentException("other nodes live in a " + others.boxSizeMpc() + " Mpc box, the galaxies in "
                    + galaxies.boxSizeMpc() + " Mpc");
        }
        if (graphNodes == GraphNodes.SELECTED && (others.size() > 0 || darkOnly)) {
            throw new IllegalArgumentException("with selected graph nodes every node is a selected galaxy");
        }
        if (darkOnly && others.size() > 0) {
            throw new IllegalArgumentException("a dark-matter-only catalog scores every node: it has no other nodes");
        }
    }

    /** Selected galaxies only, as the TNG reader always gave. */
    public static LoadedCatalog selected(SubhaloCatalog galaxies) {
        return new LoadedCatalog(galaxies, SubhaloCatalog.empty(galaxies.source(), galaxies.boxSizeMpc()),
                GraphNodes.SELECTED, false);
    }

    /** The same catalog with every velocity 0. */
    public LoadedCatalog withoutVelocities() {
        return new LoadedCatalog(galaxies.withoutVelocities(), others.withoutVelocities(), graphNodes, darkOnly);
    }

    public int nodeCount() {
        return galaxies.size() + others.size();
    }

    /** This catalog, or a clear error when it has no galaxy to train or score on. */
    public LoadedCatalog requireGalaxies(String describe, CatalogCuts cuts) {
        if (galaxies.size() == 0) {
            throw new CatalogException("no galaxies pass the cuts in " + describe + " (log M* > " + cuts.minLogMstarMsun()
                    + ", log M_DM > " + cuts.minLogMhaloMsun() + ")");
        }
        return this;
    }
}
