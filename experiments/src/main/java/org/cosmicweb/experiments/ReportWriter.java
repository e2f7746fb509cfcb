package org.cosmicweb.experiments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Json;
import org.cosmicweb.common.Version;
import org.cosmicweb.simulations.CatalogCuts;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Writes an experiment's run folder: predictions.csv, metrics.csv, calibration.csv, metrics.md,
 * metrics.tex, manifest.json and the PNG figures, as one {@link AtomicOutput} (with its marker).
 */
public final class ReportWriter {
    public static final String[] FILES = {"predictions.csv", "metrics.csv", "comparisons.csv", "calibration.csv", "metrics.md",
        "metrics.tex", "manifest.json", "rmse_vs_scale.png", "predicted_vs_true.png", "pit.png", "graph_slice.png"};
    /** Written besides {@link #FILES} for a suite of boxes. */
    public static final String[] SUITE_FILES = {"per_box.csv", "per_box_rmse.png"};

    private ReportWriter() {
    }

    /**
     * The run folder as an output: replaced only when it holds an earlier run of this program (its
     * marker, or for runs written before markers a manifest naming cosmicweb), never a folder of
     * the user's own.
     */
    public static AtomicOutput.Target target(Path runDir) {
        return AtomicOutput.Target.folder(runDir, "experiment run folder", ReportWriter::isRunFolder);
    }

    /** A run folder written before output markers: its manifest names cosmicweb as its software. */
    static boolean isRunFolder(Path dir) {
        Path m = dir.resolve("manifest.json");
        try {
            return Files.isRegularFile(m) && Json.parse(Files.readString(m), "manifest " + m).path("software").asText("")
                    .startsWith("cosmicweb");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * What a run's manifest records about how it was started: the command line as typed (arguments
     * quoted for a POSIX shell where needed), the catalog cuts, the thread count (training is
     * bit-reproducible for a seed on a given thread count), and the device and engine that trained.
     */
    public static ObjectNode provenance(String program, List<String> args, CatalogCuts cuts, String device,
                                        String engine) {
        StringBuilder b = new StringBuilder(program);
        for (String a : args) {
            b.append(' ').append(a.matches("[A-Za-z0-9_./=:,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        ObjectNode n = command(b.toString());
        ObjectNode c = n.putObject("cuts");
        c.put("min_log_mstar_msun", cuts.minLogMstarMsun());
        c.put("min_log_mhalo_msun", cuts.minLogMhaloMsun());
        c.put("min_star_particles", cuts.minStarParticles());
        n.put("threads", org.cosmicweb.common.Threads.count());
        n.put("device", device);
        n.put("engine", engine);
        return n;
    }

    /** {"command": command}: what a run's manifest records about how it was started. */
    public static ObjectNode command(String command) {
        ObjectNode n = Json.object();
        n.put("command", command);
        return n;
    }

    /** Writes the run folder at once; the fields of {@code extra} (may be null) are added to the manifest. */
    public static void write(ExperimentResult r, Path runDir, ObjectNode extra) {
        try (AtomicOutput out = AtomicOutput.open(target(runDir))) {
            write(r, out, extra);
        }
    }

    /** Writes the run folder into an output opened (checked, locked) before the experiment ran. */
    public static void write(ExperimentResult r, AtomicOutput out, ObjectNode extra) {
        out.write(dir -> {
            writePredictions(r, dir.resolve("predictions.csv"));
            Files.writeString(dir.resolve("metrics.csv"), Tables.csv(r));
            Files.writeString(dir.resolve("comparisons.csv"), Tables.comparisonsCsv(r));
            Files.writeString(dir.resolve("calibration.csv"), Tables.calibrationCsv(r));
            Files.writeString(dir.resolve("metrics.md"), Tables.markdown(r));
            Files.writeString(dir.resolve("metrics.tex"), Tables.latex(r));
            Plots.rmseVsScale(r, dir.resolve("rmse_vs_scale.png"));
            Plots.predictedVsTrue(r, best(r), dir.resolve("predicted_vs_true.png"));
            Plots.pit(r, best(r), dir.resolve("pit.png"));
            double d = r.config().linkingLengthsMpc()[r.config().linkingLengthsMpc().length - 1];
            // A suite's slice is drawn through its first box alone: the others overlap it in space.
            ExperimentData sliced = r.data().boxCount() > 1 ? r.data().box(0) : r.data();
            double slab = Math.min(10, sliced.catalog.boxSizeMpc() / 2);
            Plots.graphSlice(sliced, sliced.graphOnly(Math.min(d, 3.0)), slab, dir.resolve("graph_slice.png"));
            sliced.dropGraph(GraphSpec.radius(Math.min(d, 3.0)));
            if (r.data().boxCount() > 1) {
                Files.writeString(dir.resolve("per_box.csv"), Tables.perBoxCsv(r));
                Plots.perBoxRmse(r, PerBox.of(r), dir.resolve("per_box_rmse.png"));
            }
            Json.write(dir.resolve("manifest.json"), manifest(r, extra));
        });
    }

    /** The best GNN run and the best baseline run, by RMSE on all galaxies. */
    static List<ExperimentResult.Run> best(ExperimentResult r) {
        ExperimentResult.Run gnn = null;
        ExperimentResult.Run base = null;
        for (ExperimentResult.Run run : r.runs()) {
            if (ExperimentResult.isGnn(run)) {
                gnn = gnn == null || r.rmse(run) < r.rmse(gnn) ? run : gnn;
            } else {
                base = base == null || r.rmse(run) < r.rmse(base) ? run : base;
            }
        }
        List<ExperimentResult.Run> out = new ArrayList<>();
        if (base != null) {
            out.add(base);
        }
        if (gnn != null) {
            out.add(gnn);
        }
        return out;
    }

    private static void writePredictions(ExperimentResult r, Path file) throws IOException {
        ExperimentData d = r.data();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            boolean suite = d.boxCount() > 1;
            StringBuilder h = new StringBuilder("dark_subhalo_id,hydro_subhalo_id,x_mpc,y_mpc,z_mpc,is_central,log_mhalo,"
                    + "log_vmax,log_mstar_true,fold" + (suite ? ",box" : ""));
            for (ExperimentResult.Run run : r.runs()) {
                h.append(',').append(run.column());
                if (run.sigma() != null) {
                    h.append(',').append(run.column()).append("_sigma,").append(run.column()).append("_sigma_raw");
                }
            }
            w.write(h.append('\n').toString());
            double[] p = d.catalog.positionsMpc();
            for (int i = 0; i < d.size(); i++) {
                StringBuilder b = new StringBuilder();
                b.append(d.catalog.darkIds()[i]).append(',').append(d.catalog.hydroIds()[i]);
                b.append(String.format(Locale.ROOT, ",%.5f,%.5f,%.5f,%d,%.5f,%.5f,%.5f,%d", p[3 * i], p[3 * i + 1],
                        p[3 * i + 2], d.catalog.isCentral()[i] ? 1 : 0, d.catalog.logMhaloMsun()[i],
                        d.catalog.logVmaxKms()[i], d.target[i], r.fold()[i]));
                if (suite) {
                    b.append(',').append(d.boxes().get(d.boxOfNode()[i]).name());
                }
                for (ExperimentResult.Run run : r.runs()) {
                    b.append(String.format(Locale.ROOT, ",%.5f", run.mean()[i]));
                    if (run.sigma() != null) {
                        b.append(String.format(Locale.ROOT, ",%.5f,%.5f", run.sigma()[i], run.sigmaRaw()[i]));
                    }
                }
                w.write(b.append('\n').toString());
            }
        }
    }

    /** SHA-256 over the selected galaxies' ids, positions and targets: identifies the catalog content. */
    public static String catalogChecksum(ExperimentData d) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(8 * 5);
            for (int i = 0; i < d.size(); i++) {
                buf.clear();
                buf.putLong(d.catalog.darkIds()[i]);
                for (int a = 0; a < 3; a++) {
                    buf.putDouble(d.catalog.positionsMpc()[3 * i + a]);
                }
                buf.putDouble(d.target[i]);
                md.update(buf.array(), 0, buf.position());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static ObjectNode manifest(ExperimentResult r, ObjectNode extra) {
        ObjectNode m = Json.object();
        m.put("software", Version.software());
        m.put("java", System.getProperty("java.version"));
        if (extra != null) {
            m.setAll(extra);
        }
        m.put("catalog", r.data().catalog.source());
        m.put("catalog_sha256", catalogChecksum(r.data()));
        m.put("galaxies", r.data().size());
        Json.put(m, "box_size_mpc", r.data().catalog.boxSizeMpc(), 6);
        Json.put(m, "noise_floor_dex", r.data().catalog.noiseFloorDex(), 5);
        m.set("config", r.config().json());
        Json.put(m, "seconds_total", r.seconds(), 2);
        ObjectNode perModel = m.putObject("seconds_per_model");
        for (ExperimentResult.Run run : r.runs()) {
            Json.put(perModel, run.column(), run.seconds(), 2);
        }
        m.set("data", dataJson(r));
        ArrayNode stages = m.putArray("stages");
        for (ExperimentResult.Stage st : r.stages()) {
            ObjectNode o = stages.addObject();
            o.put("stage", st.name());
            Json.put(o, "seconds", st.seconds(), 2);
            o.put("edges", st.edges());
            Json.put(o, "peak_rss_mb", st.peakRssMb(), 0);
        }
        return m;
    }

    /** How the data was made: graph nodes, node features and, for a suite, every box with its fold. */
    static ObjectNode dataJson(ExperimentResult r) {
        ExperimentData d = r.data();
        ObjectNode n = Json.object();
        n.put("graph_nodes", d.graphNodes().key());
        n.put("nodes", d.nodeCount());
        d.featureNames().forEach(n.putArray("node_features")::add);
        n.put("boxes", d.boxCount());
        if (!d.skippedBoxes().isEmpty()) {
            d.skippedBoxes().forEach(n.putArray("skipped_boxes")::add); // no galaxy passed the cuts
        }
        if (d.boxCount() > 1) {
            n.put("folds", "whole boxes, seeded");
            d.parameterNames().forEach(n.putArray("parameters")::add);
            PerBox p = PerBox.of(r);
            ArrayNode boxes = n.putArray("box_list");
            for (int k = 0; k < d.boxCount(); k++) {
                ExperimentData.Box b = d.boxes().get(k);
                ObjectNode o = boxes.addObject();
                o.put("name", b.name());
                o.put("number", b.number());
                o.put("file", b.source());
                o.put("galaxies", p.galaxies()[k]);
                o.put("fold", p.foldOfBox()[k]);
            }
        }
        return n;
    }
}
