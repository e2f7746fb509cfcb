package org.cosmicweb.gnn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A trained model with what is needed to use it: the standardisers of node features, edge
 * features and target (fitted on the training fold) and its provenance (catalog, linking length,
 * seed, software version, ...). Saved as one file: a magic line, a properties header, then every
 * parameter block by name. Written to a temporary file and moved into place.
 */
public record TrainedModel(GnnModel model, Standardizer nodes, Standardizer edges, Standardizer target,
                           Map<String, String> provenance) {
    private static final String MAGIC = "cosmicweb-gnn 1";

    public TrainedModel {
        if (nodes.dim() != model.config.nodeDim() || edges.dim() != model.config.edgeDim() || target.dim() != 1) {
            throw new IllegalArgumentException("standardizers (" + nodes.dim() + ", " + edges.dim() + ", " + target.dim()
                    + ") do not fit the model's " + model.config.nodeDim() + " node and " + model.config.edgeDim()
                    + " edge features");
        }
        provenance = Collections.unmodifiableMap(new TreeMap<>(provenance));
    }

    public void save(Path file) {
        Properties p = new Properties();
        ModelConfig c = model.config;
        p.setProperty("config.nodeDim", "" + c.nodeDim());
        p.setProperty("config.edgeDim", "" + c.edgeDim());
        p.setProperty("config.heads", "" + c.heads());
        p.setProperty("config.hidden", "" + c.hidden());
        p.setProperty("config.latent", "" + c.latent());
        p.setProperty("config.aggregation", c.aggregation().name());
        p.setProperty("config.layers", "" + c.layers());
        putStandardizer(p, "norm.nodes", nodes);
        putStandardizer(p, "norm.edges", edges);
        putStandardizer(p, "norm.target", target);
        provenance.forEach((k, v) -> p.setProperty("provenance." + k, v));
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            try (OutputStream os = Files.newOutputStream(tmp);
                 DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os))) {
                StringWriter header = new StringWriter();
                p.store(header, null);
                out.writeUTF(MAGIC);
                byte[] h = header.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(h.length);
                out.write(h);
                out.writeInt(model.params().size());
                for (Param prm : model.params()) {
                    out.writeUTF(prm.name);
                    out.writeInt(prm.value.length);
                    for (float v : prm.value) {
                        out.writeFloat(v);
                    }
                }
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // report the first failure
            }
            throw new UncheckedIOException("could not save the model to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model file; when {@code nodeDim}/{@code edgeDim} are not negative they must match the
     * file's, else a clear error says which differs.
     */
    public static TrainedModel load(Path file, int nodeDim, int edgeDim) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing model file " + file);
        }
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IllegalArgumentException(file + " is not a cosmicweb model file (starts with '" + magic + "')");
            }
            byte[] h = new byte[in.readInt()];
            in.readFully(h);
            Properties p = new Properties();
            p.load(new StringReader(new String(h, java.nio.charset.StandardCharsets.UTF_8)));
            ModelConfig c = new ModelConfig(intProp(p, "config.nodeDim"), intProp(p, "config.edgeDim"),
                    intProp(p, "config.heads"), intProp(p, "config.hidden"), intProp(p, "config.latent"),
                    Aggregation.valueOf(p.getProperty("config.aggregation")),
                    Integer.parseInt(p.getProperty("config.layers", "1").trim()));
            if (nodeDim >= 0 && nodeDim != c.nodeDim()) {
                throw new IllegalArgumentException("model " + file + " was trained on " + c.nodeDim()
                        + " node features, this data has " + nodeDim);
            }
            if (edgeDim >= 0 && edgeDim != c.edgeDim()) {
                throw new IllegalArgumentException("model " + file + " was trained on " + c.edgeDim()
                        + " edge features, this data has " + edgeDim);
            }
            GnnModel model = new GnnModel(c, 0);
            int blocks = in.readInt();
            if (blocks != model.params().size()) {
                throw new IllegalArgumentException(file + " holds " + blocks + " parameter blocks, the model needs "
                        + model.params().size());
            }
            for (Param prm : model.params()) {
                String name = in.readUTF();
                int len = in.readInt();
                if (!name.equals(prm.name) || len != prm.value.length) {
                    throw new IllegalArgumentException(file + ": parameter " + name + "[" + len + "] where "
                            + prm.name + "[" + prm.value.length + "] was expected");
                }
                for (int i = 0; i < len; i++) {
                    prm.value[i] = in.readFloat();
                }
            }
            Map<String, String> prov = new TreeMap<>();
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith("provenance.")) {
                    prov.put(k.substring("provenance.".length()), p.getProperty(k));
                }
            }
            return new TrainedModel(model, getStandardizer(p, "norm.nodes"), getStandardizer(p, "norm.edges"),
                    getStandardizer(p, "norm.target"), prov);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static int intProp(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("model file lacks " + key);
        }
        return Integer.parseInt(v.trim());
    }

    private static void putStandardizer(Properties p, String key, Standardizer s) {
        p.setProperty(key + ".mean", join(s.mean()));
        p.setProperty(key + ".std", join(s.std()));
    }

    private static Standardizer getStandardizer(Properties p, String key) {
        return new Standardizer(split(p.getProperty(key + ".mean")), split(p.getProperty(key + ".std")));
    }

    private static String join(double[] a) {
        StringBuilder b = new StringBuilder();
        for (double v : a) {
            b.append(b.length() == 0 ? "" : ",").append(Double.toString(v));
        }
        return b.toString();
    }

    private static double[] split(String s) {
        if (s == null || s.isEmpty()) {
            return new double[0];
        }
        String[] parts = s.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }
}
