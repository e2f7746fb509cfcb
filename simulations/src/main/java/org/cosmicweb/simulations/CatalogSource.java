package org.cosmicweb.simulations;

/**
 * Where a catalog comes from: a matched TNG pair ({@link TngPairSource}), one SUBFIND group
 * catalog of a hydro or dark-matter-only run ({@link SubfindSource}) or a subhalo table
 * ({@link TableSource}). Each yields the same {@link SubhaloCatalog} fields in the same units, with
 * the same cuts, so everything downstream is blind to the source.
 */
public sealed interface CatalogSource permits TngPairSource, SubfindSource, TableSource {
    /**
     * The galaxies passing {@code cuts} and, with {@link GraphNodes#DMO}, the other graph nodes.
     * Throws a {@link CatalogException} naming the file when nothing passes (a dark-matter-only
     * catalog must still hold nodes).
     */
    LoadedCatalog load(CatalogCuts cuts, GraphNodes nodes);

    /** The file or folder, for messages and provenance. */
    String describe();
}
