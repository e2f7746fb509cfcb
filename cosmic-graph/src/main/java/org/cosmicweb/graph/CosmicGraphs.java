package org.cosmicweb.graph;

import org.cosmicweb.simulations.SubhaloCatalog;

/** Builds cosmic graphs with edge features from a catalog, timing the two stages. */
public final class CosmicGraphs {
    /** A graph with features and how long topology and features took. */
    public record Built(CosmicGraph graph, double buildSeconds, double featureSeconds) {
    }

    private CosmicGraphs() {
    }

    public static Built radius(SubhaloCatalog c, double linkingLengthMpc, boolean selfLoops) {
        long t0 = System.nanoTime();
        CosmicGraph g = RadiusGraph.build(c.positionsMpc(), c.boxSizeMpc(), linkingLengthMpc, selfLoops);
        return withFeatures(c, g, t0);
    }

    public static Built knn(SubhaloCatalog c, int k, boolean symmetric, boolean selfLoops) {
        long t0 = System.nanoTime();
        CosmicGraph g = KnnGraph.build(c.positionsMpc(), c.boxSizeMpc(), k, symmetric, selfLoops);
        return withFeatures(c, g, t0);
    }

    private static Built withFeatures(SubhaloCatalog c, CosmicGraph g, long t0) {
        long t1 = System.nanoTime();
        float[] f = EdgeFeatures.compute(g, c.positionsMpc(), c.velocitiesKms(), new PeriodicBox(c.boxSizeMpc()));
        long t2 = System.nanoTime();
        return new Built(g.withEdgeFeatures(f), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }
}
