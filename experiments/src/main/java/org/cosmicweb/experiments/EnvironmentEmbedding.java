package org.cosmicweb.experiments;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import org.cosmicweb.gnn.GraphBatch;
import org.cosmicweb.gnn.TrainedModel;
import org.cosmicweb.graph.CosmicGraph;
import org.cosmicweb.simulations.Hdf5Fields;
import org.cosmicweb.simulations.SubhaloCatalog;

import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Version;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every galaxy's environment vector: what a trained GNN's head reads of the environment (the
 * aggregated messages, or the node state after the last round), written to HDF5 with the ids,
 * positions and the columns a linear probe can be asked to recover ({@link Probe}).
 *
 * <p>File layout: {@code embedding} float[N, W]; {@code dark_subhalo_id} long[N];
 * {@code position_mpc} float[N, 3]; one float[N] dataset per probe column under {@code columns/}
 * (log_mhalo, log_vmax, is_central, log_mstar, log_overdensity_{R}mpc for R in
 * {@value #RADII_TEXT} below half the box, the DisPerSE distances when the catalog has them, and on a mock the
 * generator's environmental fields, mock_z_3mpc etc.); attributes
 * {@code box_size_mpc}, {@code graph}, {@code model}.
 */
public final class EnvironmentEmbedding {
    static final double[] RADII_MPC = {1, 2, 3, 5, 10};
    static final String RADII_TEXT = "1, 2, 3, 5, 10";

    /** Embeddings with their probe columns, in catalog order. */
    public record Table(int width, float[] embedding, double[] positionsMpc, double boxMpc, Map<String, double[]> columns) {
        public int size() {
            return positionsMpc.length / 3;
        }

        /** The galaxies at {@code rows}, in that order. */
        public Table subset(int[] rows) {
            float[] emb = new float[rows.length * width];
            double[] pos = new double[rows.length * 3];
            Map<String, double[]> cols = new java.util.LinkedHashMap<>();
            for (int k = 0; k < rows.length; k++) {
                System.arraycopy(embedding, rows[k] * width, emb, k * width, width);
                System.arraycopy(positionsMpc, rows[k] * 3, pos, k * 3, 3);
            }
            for (Map.Entry<String, double[]> c : columns.entrySet()) {
                double[] v = new double[rows.length];
                for (int k = 0; k < rows.length; k++) {
                    v[k] = c.getValue()[rows[k]];
                }
                cols.put(c.getKey(), v);
            }
            return new Table(width, emb, pos, boxMpc, cols);
        }
    }

    private EnvironmentEmbedding() {
    }

    /** The environment vectors of every galaxy of {@code data} under a trained network. */
    public static Table compute(ExperimentData data, TrainedModel trained, GraphSpec graph, long memoryBudgetBytes) {
        int w = trained.model().config.heads() == 0 ? 0 : trained.model().config.headEnvironmentWidth();
        if (w == 0) {
            throw new IllegalArgumentException("the model has no environment (0 heads): nothing to embed");
        }
        CosmicGraph full = data.graph(graph);
        // Every galaxy is scored; other graph nodes (dmo) only send messages.
        boolean[] all = new boolean[data.nodeCount()];
        java.util.Arrays.fill(all, 0, data.size(), true);
        float[] emb = new float[data.size() * w];
        GnnBatches.forEachPredictionBatch(data, graph, full, all, trained.model().config.layers(), trained.nodes(),
                trained.edges(), memoryBudgetBytes, (g, rows) -> {
                    float[] e = trained.model().environment(g);
                    for (int t = 0; t < g.numScored; t++) {
                        System.arraycopy(e, t * w, emb, rows[t] * w, w);
                    }
                });
        return new Table(w, emb, data.catalog.positionsMpc(), data.catalog.boxSizeMpc(), columns(data));
    }

    /** The probe columns of a catalog. */
    static Map<String, double[]> columns(ExperimentData data) {
        SubhaloCatalog c = data.catalog;
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("log_mhalo", c.logMhaloMsun());
        m.put("log_vmax", c.logVmaxKms());
        double[] central = new double[c.size()];
        for (int i = 0; i < central.length; i++) {
            central[i] = c.isCentral()[i] ? 1 : 0;
        }
        m.put("is_central", central);
        m.put("log_mstar", data.target);
        for (double r : RADII_MPC) {
            // A sphere of half the box or more would count its own images: that radius has no column.
            if (r < 0.5 * c.boxSizeMpc()) {
                m.put(String.format(Locale.ROOT, "log_overdensity_%.0fmpc", r), data.overdensity(r));
            }
        }
        if (c.disperse() != null) {
            int nd = SubhaloCatalog.DISPERSE_FIELDS.length;
            for (int f = 0; f < nd; f++) {
                double[] v = new double[c.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = c.disperse()[nd * i + f];
                }
                m.put(SubhaloCatalog.DISPERSE_FIELDS[f], v);
            }
        }
        return m;
    }

    /**
     * Adds the mock generator's environmental fields as probe columns {@code mock_<field>}, each
     * galaxy's value taken at its dark subhalo id (row of the terms file {@code source}).
     */
    static void addMockTerms(Table t, long[] darkIds, Map<String, double[]> fields, Path source) {
        for (Map.Entry<String, double[]> f : fields.entrySet()) {
            double[] v = new double[t.size()];
            for (int i = 0; i < v.length; i++) {
                if (darkIds[i] < 0 || darkIds[i] >= f.getValue().length) {
                    throw new IllegalArgumentException(source + " has no row for dark subhalo " + darkIds[i]
                            + ": it belongs to another mock (regenerate it with simulate --force)");
                }
                v[i] = f.getValue()[(int) darkIds[i]];
            }
            t.columns().put("mock_" + f.getKey(), v);
        }
    }

    /** The embeddings file as an output: an existing file is replaced only if it is an embeddings file of this program. */
    public static AtomicOutput.Target target(Path file) {
        return AtomicOutput.Target.file(file, "embeddings file (HDF5)", EnvironmentEmbedding::isEmbeddingsFile);
    }

    /** Whether {@code file} is an embeddings file this program wrote. */
    static boolean isEmbeddingsFile(Path file) {
        try (HdfFile h = new HdfFile(file)) {
            return h.getChildren().containsKey("embedding") && h.getAttribute("graph") != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Writes the table at once. */
    public static void write(Path file, Table t, long[] ids, String graph, String model) {
        try (AtomicOutput out = AtomicOutput.open(target(file))) {
            write(out, t, ids, graph, model);
        }
    }

    /** Writes the table into an output opened (checked, locked) before the embeddings were computed. */
    public static void write(AtomicOutput out, Table t, long[] ids, String graph, String model) {
        int n = t.size();
        float[][] emb = new float[n][t.width()];
        float[][] pos = new float[n][3];
        for (int i = 0; i < n; i++) {
            System.arraycopy(t.embedding(), i * t.width(), emb[i], 0, t.width());
            for (int a = 0; a < 3; a++) {
                pos[i][a] = (float) t.positionsMpc()[3 * i + a];
            }
        }
        out.write(tmp -> {
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                h.putAttribute("software", Version.software());
                h.putAttribute("box_size_mpc", t.boxMpc());
                h.putAttribute("graph", graph);
                h.putAttribute("model", model);
                h.putDataset("embedding", emb);
                h.putDataset("dark_subhalo_id", ids);
                h.putDataset("position_mpc", pos);
                var cols = h.putGroup("columns");
                for (Map.Entry<String, double[]> e : t.columns().entrySet()) {
                    cols.putDataset(e.getKey(), e.getValue());
                }
            }
        });
    }

    /** Reads a file written by {@link #write}; a truncated one is a {@link org.cosmicweb.simulations.CatalogException}. */
    public static Table read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(org.cosmicweb.common.IoErrors.notAFile(file, "embeddings file"));
        }
        // jhdf reads a cut-short file's missing bytes as zeros or junk (NaN embeddings), not as an error.
        Hdf5Fields.checkNotTruncated(file);
        try (HdfFile h = new HdfFile(file)) {
            float[][] emb = (float[][]) dataset(h, file, "embedding").getData();
            float[][] pos = (float[][]) dataset(h, file, "position_mpc").getData();
            int n = emb.length;
            int w = n == 0 ? 0 : emb[0].length;
            float[] flat = new float[n * w];
            double[] p = new double[3 * n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(emb[i], 0, flat, i * w, w);
                for (int a = 0; a < 3; a++) {
                    p[3 * i + a] = pos[i][a];
                }
            }
            double box = ((Number) h.getAttribute("box_size_mpc").getData()).doubleValue();
            Map<String, double[]> cols = new LinkedHashMap<>();
            var group = (io.jhdf.api.Group) h.getByPath("columns");
            List<String> names = new ArrayList<>(group.getChildren().keySet());
            for (String name : names) {
                cols.put(name, (double[]) ((Dataset) group.getChild(name)).getData());
            }
            return new Table(w, flat, p, box, cols);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("could not read embeddings from " + file + ": it is not an embeddings file"
                    + " written by 'cosmicweb embed', or it is damaged", e);
        }
    }

    private static Dataset dataset(HdfFile h, Path file, String name) {
        try {
            return h.getDatasetByPath(name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " has no dataset '" + name + "' (not an embeddings file?)");
        }
    }
}
