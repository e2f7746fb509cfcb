package org.cosmicweb.experiments;

import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.graph.CosmicGraphs;
import org.cosmicweb.graph.Overdensity;
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
    private final Map<Double, CosmicGraphs.Built> graphs = new HashMap<>();
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

    /** Radius graph (no self-loops) with edge features at linking length D, built on first use. */
    public synchronized CosmicGraphs.Built graph(double linkingLengthMpc) {
        return graphs.computeIfAbsent(linkingLengthMpc, d -> CosmicGraphs.radius(catalog, d, false));
    }

    public synchronized void dropGraph(double linkingLengthMpc) {
        graphs.remove(linkingLengthMpc);
    }

    /** log10 of the DMO subhalo mass (Msun) within R of each galaxy, self included. */
    public synchronized double[] overdensity(double radiusMpc) {
        return overdensity.computeIfAbsent(radiusMpc, r -> Overdensity.logMassWithin(catalog.positionsMpc(),
                catalog.logMhaloMsun(), catalog.boxSizeMpc(), new double[] {r}));
    }

    public CosmicGraph graphOnly(double d) {
        return graph(d).graph();
    }
}
