package org.cosmicweb.simulations;

/**
 * A matched TNG pair (hydro run, dark run, matching file), real or mock, read by
 * {@link TngCatalogLoader}; a folder holding only the dark run is a dark-matter-only catalog.
 */
public record TngPairSource(TngLayout layout) implements CatalogSource {
    public TngPairSource {
        if (layout == null) {
            throw new IllegalArgumentException("a TNG source needs its folder layout");
        }
    }

    @Override
    public LoadedCatalog load(CatalogCuts cuts, GraphNodes nodes) {
        return TngCatalogLoader.load(layout, cuts, nodes);
    }

    @Override
    public String describe() {
        return layout.root().toString();
    }
}
