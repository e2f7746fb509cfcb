package org.cosmicweb.graph;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a graph to HDF5: {@code senders} int[E], {@code receivers} int[E], {@code edge_features}
 * float[E, 6], {@code positions} float[N, 3] (Mpc, node order of the indices), {@code subhalo_ids}
 * long[N]; attributes {@code box_size} (Mpc), {@code linking_length} (Mpc) or {@code k}, and
 * {@code edge_feature_names}. Written to a temporary file and moved into place.
 */
public final class GraphHdf5Writer {
    private GraphHdf5Writer() {
    }

    public static void write(Path file, CosmicGraph g, double[] positionsMpc, long[] subhaloIds, double boxMpc) {
        String[] names = new String[EdgeFeature.COUNT];
        for (EdgeFeature ef : EdgeFeature.values()) {
            names[ef.ordinal()] = ef.key();
        }
        write(file, g, positionsMpc, subhaloIds, boxMpc, names);
    }

    /** As {@link #write(Path, CosmicGraph, double[], long[], double)} with the edge features named (e.g. projected ones). */
    public static void write(Path file, CosmicGraph g, double[] positionsMpc, long[] subhaloIds, double boxMpc,
                             String[] featureNames) {
        if (g.edgeFeatures() == null) {
            throw new IllegalArgumentException("compute edge features before writing " + file);
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
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                h.putAttribute("box_size", boxMpc);
                if (g.k() > 0) {
                    h.putAttribute("k", g.k());
                } else {
                    h.putAttribute("linking_length", g.linkingLengthMpc());
                }
                h.putAttribute("self_loops", g.selfLoops() ? 1 : 0);
                h.putAttribute("edge_feature_names", names);
                h.putDataset("senders", g.senders());
                h.putDataset("receivers", g.receivers());
                h.putDataset("edge_features", feats);
                h.putDataset("positions", pos);
                h.putDataset("subhalo_ids", subhaloIds);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is the one to report
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not write graph to " + file + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }
}
