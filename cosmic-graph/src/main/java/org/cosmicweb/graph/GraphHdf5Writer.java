package org.cosmicweb.graph;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Version;

import java.nio.file.Path;

/**
 * Writes a graph to HDF5: {@code senders} int[E], {@code receivers} int[E], {@code edge_features}
 * float[E, 6], {@code positions} float[N, 3] (Mpc, node order of the indices), {@code subhalo_ids}
 * long[N]; attributes {@code box_size} (Mpc), {@code linking_length} (Mpc) or {@code k}, and
 * {@code edge_feature_names}, {@code software}. Written through {@link AtomicOutput}: never over a file
 * this program did not write, never half-written.
 */
public final class GraphHdf5Writer {
    private GraphHdf5Writer() {
    }

    public static void write(Path file, CosmicGraph g, double[] positionsMpc, long[] subhaloIds, double boxMpc) {
        write(file, g, positionsMpc, subhaloIds, boxMpc, EdgeFeature.keys().toArray(String[]::new));
    }

    /** As {@link #write(Path, CosmicGraph, double[], long[], double)} with the edge features named (e.g. projected ones). */
    public static void write(Path file, CosmicGraph g, double[] positionsMpc, long[] subhaloIds, double boxMpc,
                             String[] featureNames) {
        try (AtomicOutput out = AtomicOutput.open(target(file))) {
            write(out, g, positionsMpc, subhaloIds, boxMpc, featureNames);
        }
    }

    /** Writes into an output opened (checked and locked) with {@link #target} before the graph was built. */
    public static void write(AtomicOutput out, CosmicGraph g, double[] positionsMpc, long[] subhaloIds, double boxMpc,
                             String[] featureNames) {
        write(out, g, positionsMpc, subhaloIds, boxMpc, featureNames, java.util.Map.of());
    }

    /**
     * As {@link #write(AtomicOutput, CosmicGraph, double[], long[], double, String[])}, with text attributes
     * that say how the graph was built beyond what the graph knows (its projection, line of sight, velocity
     * window, whether kNN edges were symmetrised).
     */
    public static void write(AtomicOutput out, CosmicGraph g, double[] positionsMpc, long[] subhaloIds, double boxMpc,
                             String[] featureNames, java.util.Map<String, String> description) {
        if (g.edgeFeatures() == null) {
            throw new IllegalArgumentException("compute edge features before writing " + out.path());
        }
        int n = g.numNodes();
        int f = EdgeFeature.COUNT;
        float[][] feats = new float[g.numEdges()][f];
        for (int e = 0; e < g.numEdges(); e++) {
            System.arraycopy(g.edgeFeatures(), e * f, feats[e], 0, f);
        }
        float[][] pos = new float[n][3];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                pos[i][a] = (float) positionsMpc[3 * i + a];
            }
        }
        String names = String.join(",", featureNames);
        out.write(tmp -> {
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                h.putAttribute("software", Version.software());
                h.putAttribute("box_size", boxMpc);
                if (g.k() > 0) {
                    h.putAttribute("k", g.k());
                } else {
                    h.putAttribute("linking_length", g.linkingLengthMpc());
                }
                h.putAttribute("self_loops", g.selfLoops() ? 1 : 0);
                h.putAttribute("edge_feature_names", names);
                description.forEach(h::putAttribute);
                h.putDataset("senders", g.senders());
                h.putDataset("receivers", g.receivers());
                h.putDataset("edge_features", feats);
                h.putDataset("positions", pos);
                h.putDataset("subhalo_ids", subhaloIds);
            }
        });
    }

    /** The graph file {@code file} as an output: an existing file is replaced only if it is a graph file of this program. */
    public static AtomicOutput.Target target(Path file) {
        return AtomicOutput.Target.file(file, "graph file (HDF5)", GraphHdf5Writer::isGraphFile);
    }

    /** Whether {@code file} is a graph file this program wrote (HDF5 with its edge-feature names attribute). */
    public static boolean isGraphFile(Path file) {
        try (HdfFile h = new HdfFile(file)) {
            return h.getAttribute("edge_feature_names") != null && h.getChildren().containsKey("senders");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
