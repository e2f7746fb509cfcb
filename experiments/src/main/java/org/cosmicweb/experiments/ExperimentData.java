package org.cosmicweb.experiments;

import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.CosmicGraphs;
import org.cosmicweb.graph.Overdensity;
import org.cosmicweb.graph.ProjectedGraphs;
import org.cosmicweb.simulations.SubhaloCatalog;

import java.util.HashMap;
import java.util.Map;

/**
 * A catalog with what every model reads from it: node features [log M_halo, log Vmax,
 * is_central] (row-major [N, 3]), the target log M*, and cached cosmic graphs and overdensities
 * keyed by their length scale, each built once per run.
 */
public final class ExperimentData {
    public static final String[] NODE_FEATURES = {"log_mhalo", "log_vmax", "is_central"};
    public final SubhaloCatalog catalog;
    public final double[] nodeFeatures;
    public final double[] target;
    /** h of the TNG and mock cosmology: line-of-sight velocities become redshift-space distances with H0 = 100 h. */
    public static final double HUBBLE = 0.6774;
    private final Map<GraphSpec, CosmicGraph> graphs = new HashMap<>();
    private final Map<Double, double[]> overdensity = new HashMap<>();

    public ExperimentData(SubhaloCatalog catalog) {
        this.catalog = catalog;
        int n = catalog.size();
        nodeFeatures = new double[3 * n];
        for (int i = 0; i < n; i++) {
            nodeFeatures[3 * i] = catalog.logMhaloMsun()[i];
            nodeFeatures[3 * i + 1] = catalog.logVmaxKms()[i];
            nodeFeatures[3 * i + 2] = catalog.isCentral()[i] ? 1 : 0;
        }
        target = catalog.logMstarMsun();
    }

    public int size() {
        return catalog.size();
    }

    /** The graph of a spec (no self-loops) with its edge features, built on first use and cached. */
    public synchronized CosmicGraph graph(GraphSpec spec) {
        return graphs.computeIfAbsent(spec, s -> switch (s.kind()) {
            case RADIUS -> CosmicGraphs.radius(catalog, s.scale(), false).graph();
            case KNN -> CosmicGraphs.knn(catalog, (int) s.scale(), true, false).graph();
            case PROJECTED -> {
                CosmicGraph g = ProjectedGraphs.radius(catalog.positionsMpc(), catalog.velocitiesKms(),
                        catalog.boxSizeMpc(), s.los(), s.scale(), s.dvMaxKms(), false);
                yield g.withEdgeFeatures(ProjectedGraphs.features(g, catalog.positionsMpc(), catalog.velocitiesKms(),
                        catalog.boxSizeMpc(), s.los(), HUBBLE));
            }
        });
    }

    public synchronized void dropGraph(GraphSpec spec) {
        graphs.remove(spec);
    }

    /**
     * The positions that a spec's edges measure distance in: the catalog's, or for a projected graph
     * the same with the line-of-sight coordinate set to 0 (row-major [N, 3], Mpc).
     */
    public double[] positionsFor(GraphSpec spec) {
        return spec.kind() == GraphSpec.Kind.PROJECTED ? ProjectedGraphs.projected(catalog.positionsMpc(), spec.los())
                : catalog.positionsMpc();
    }

    /** log10 of the DMO subhalo mass (Msun) within R of each galaxy, self included. */
    public synchronized double[] overdensity(double radiusMpc) {
        return overdensity.computeIfAbsent(radiusMpc, r -> Overdensity.logMassWithin(catalog.positionsMpc(),
                catalog.logMhaloMsun(), catalog.boxSizeMpc(), new double[] {r}));
    }

    /** The 3D radius graph at linking length D. */
    public CosmicGraph graphOnly(double d) {
        return graph(GraphSpec.radius(d));
    }
}
