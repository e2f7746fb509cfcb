package org.cosmicweb.gnn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.IoErrors;
import org.cosmicweb.common.Json;
import org.cosmicweb.common.Version;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained model with what is needed to use it and to know what it is: the standardisers of node
 * features, edge features and target (fitted on the training fold), the names of its node and edge
 * features in input order, and its provenance (catalog and its SHA-256, cuts, linking length, seed,
 * software version, ...).
 *
 * <p>File format 2, one file: the magic line {@value #MAGIC} (Java modified UTF-8 with its 2-byte
 * length), a JSON header (4-byte length, UTF-8: format, software, architecture, feature names,
 * standardisers, provenance), the parameter blocks by name (name, 4-byte count, float32 values,
 * big-endian), and last the SHA-256 (32 bytes) of everything before it. Loading checks the checksum
 * before reading anything else, so a flipped byte or an edited field is refused, not used; a file of
 * format 1 (no checksum, no feature names) is refused with a clear message rather than guessed at.
 * A model whose node standardiser decorrelates ({@link Standardizer#fitDecorrelated}) is written as
 * format 3, the same layout with the standardiser's {@code beta} and {@code rstd}, so that a version
 * that knows only format 2 refuses it instead of standardising its inputs without them.
 * Written through {@link AtomicOutput}.
 */
public record TrainedModel(GnnModel model, Standardizer nodes, Standardizer edges, Standardizer target,
                           Map<String, String> provenance, List<String> nodeFeatures, List<String> edgeFeatures) {
    /** First line of every model file of this format. */
    static final String MAGIC = "cosmicweb-gnn 2";
    private static final String MAGIC_PREFIX = "cosmicweb-gnn ";
    private static final int FORMAT = 2;
    /** Format 2 with a decorrelating node standardiser. */
    private static final int FORMAT_DECORRELATED = 3;
    private static final int CHECKSUM_BYTES = 32;

    public TrainedModel {
        if (edges.decorrelates() || target.decorrelates()) {
            throw new IllegalArgumentException("only the node standardizer may decorrelate its columns");
        }
        if (nodes.dim() != model.config.nodeDim() || edges.dim() != model.config.edgeDim() || target.dim() != 1) {
            throw new IllegalArgumentException("standardizers (" + nodes.dim() + ", " + edges.dim() + ", " + target.dim()
                    + ") do not fit the model's " + model.config.nodeDim() + " node and " + model.config.edgeDim()
                    + " edge features");
        }
        if (nodeFeatures.size() != model.config.nodeDim() || edgeFeatures.size() != model.config.edgeDim()) {
            throw new IllegalArgumentException("feature names " + nodeFeatures + " and " + edgeFeatures + " do not fit the"
                    + " model's " + model.config.nodeDim() + " node and " + model.config.edgeDim() + " edge features");
        }
        provenance = Collections.unmodifiableMap(new TreeMap<>(provenance));
        nodeFeatures = List.copyOf(nodeFeatures);
        edgeFeatures = List.copyOf(edgeFeatures);
    }

    /** A model whose features are named by position only (node_0, ..., edge_0, ...): for tests and benchmarks. */
    public TrainedModel(GnnModel model, Standardizer nodes, Standardizer edges, Standardizer target,
                        Map<String, String> provenance) {
        this(model, nodes, edges, target, provenance, numbered("node_", model.config.nodeDim()),
                numbered("edge_", model.config.edgeDim()));
    }

    private static List<String> numbered(String prefix, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** The same model with other provenance. */
    public TrainedModel withProvenance(Map<String, String> p) {
        return new TrainedModel(model, nodes, edges, target, p, nodeFeatures, edgeFeatures);
    }

    /** {@code file} as an output: an existing file is replaced only when it is a model file of this program. */
    public static AtomicOutput.Target target(Path file) {
        return AtomicOutput.Target.file(file, "model file", TrainedModel::isModelFile);
    }

    /** Whether {@code file} starts like a model file of this program (any format). */
    public static boolean isModelFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2 + MAGIC_PREFIX.length());
            return head.length == 2 + MAGIC_PREFIX.length()
                    && new String(head, 2, MAGIC_PREFIX.length(), StandardCharsets.UTF_8).equals(MAGIC_PREFIX);
        } catch (IOException e) {
            return false;
        }
    }

    /** Saves to {@code file} at once. */
    public void save(Path file) {
        AtomicOutput.write(target(file), this::write);
    }

    /** Saves into an output opened (checked and locked) before training. */
    public void save(AtomicOutput out) {
        out.write(this::write);
    }

    private void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC_PREFIX + format());
            byte[] h = Json.line(header()).getBytes(StandardCharsets.UTF_8);
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
        byte[] body = bytes.toByteArray();
        try (var os = Files.newOutputStream(file)) {
            os.write(body);
            os.write(sha256(body, body.length));
        }
    }

    private int format() {
        return nodes.decorrelates() ? FORMAT_DECORRELATED : FORMAT;
    }

    private ObjectNode header() {
        ObjectNode h = Json.object();
        h.put("format", format());
        h.put("software", Version.software());
        ModelConfig c = model.config;
        ObjectNode cfg = h.putObject("config");
        cfg.put("node_dim", c.nodeDim());
        cfg.put("edge_dim", c.edgeDim());
        cfg.put("heads", c.heads());
        cfg.put("hidden", c.hidden());
        cfg.put("latent", c.latent());
        cfg.put("aggregation", c.aggregation().name());
        cfg.put("layers", c.layers());
        h.set("node_features", Json.array(nodeFeatures));
        h.set("edge_features", Json.array(edgeFeatures));
        ObjectNode norm = h.putObject("standardizers");
        norm.set("nodes", standardizer(nodes));
        norm.set("edges", standardizer(edges));
        norm.set("target", standardizer(target));
        ObjectNode prov = h.putObject("provenance");
        provenance.forEach(prov::put);
        return h;
    }

    private static ObjectNode standardizer(Standardizer s) {
        ObjectNode o = Json.object();
        o.set("mean", Json.array(s.mean()));
        o.set("std", Json.array(s.std()));
        if (s.decorrelates()) {
            o.set("beta", Json.array(s.beta()));
            o.set("rstd", Json.array(s.rstd()));
        }
        return o;
    }

    /**
     * Loads a model file, refusing a damaged, truncated, edited or old-format one with a message that
     * says which; when {@code nodeDim}/{@code edgeDim} are not negative they must match the file's.
     */
    public static TrainedModel load(Path file, int nodeDim, int edgeDim) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing model file " + file + (Files.isDirectory(file)
                    ? " (it is a folder)" : ""));
        }
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model file " + file + ": " + IoErrors.describe(e), e);
        }
        String where = "model file " + file;
        String magic = checkMagic(all, where);
        verifyChecksum(all, where);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - CHECKSUM_BYTES))) {
            in.readUTF();
            JsonNode h = readHeader(in, where);
            ModelConfig c = config(h, where);
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
                throw new IllegalArgumentException(where + " holds " + blocks + " parameter blocks, the model needs "
                        + model.params().size());
            }
            for (Param prm : model.params()) {
                String name = in.readUTF();
                int len = in.readInt();
                if (!name.equals(prm.name) || len != prm.value.length) {
                    throw new IllegalArgumentException(where + ": parameter " + name + "[" + len + "] where "
                            + prm.name + "[" + prm.value.length + "] was expected");
                }
                for (int i = 0; i < len; i++) {
                    prm.value[i] = in.readFloat();
                }
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(where + " has " + in.available() + " bytes after its parameters");
            }
            Map<String, String> prov = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = h.path("provenance").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                prov.put(e.getKey(), e.getValue().asText());
            }
            JsonNode norm = h.path("standardizers");
            Standardizer nodes = standardizer(norm, "nodes", where);
            int format = h.path("format").asInt();
            if (!magic.equals(MAGIC_PREFIX + format)) {
                throw new IllegalArgumentException(where + " starts with '" + magic + "' but its header says format "
                        + format);
            }
            if (nodes.decorrelates() != (format == FORMAT_DECORRELATED)) {
                throw new IllegalArgumentException(where + " is of format " + format + " with a " + (nodes.decorrelates()
                        ? "decorrelating" : "plain") + " node standardizer (format " + FORMAT_DECORRELATED
                        + " goes with a decorrelating one, " + FORMAT + " with a plain one)");
            }
            return new TrainedModel(model, nodes, standardizer(norm, "edges", where),
                    standardizer(norm, "target", where), prov, names(h, "node_features", c.nodeDim(), where),
                    names(h, "edge_features", c.edgeDim(), where));
        } catch (EOFException e) {
            throw new IllegalArgumentException(where + " ends before its parameters do (truncated)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + where + ": " + IoErrors.describe(e), e);
        }
    }

    /** The file's magic line, refused unless it names a format this version reads. */
    private static String checkMagic(byte[] all, String where) {
        String magic;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            int len = all.length < 2 ? -1 : ((all[0] & 0xff) << 8) | (all[1] & 0xff);
            magic = len < 0 || len > 64 || len > all.length - 2 ? null : in.readUTF();
        } catch (IOException e) {
            magic = null;
        }
        if (magic == null || !magic.startsWith(MAGIC_PREFIX)) {
            throw new IllegalArgumentException(where + " is not a cosmicweb model file (" + all.length + " bytes; a model"
                    + " file starts with '" + MAGIC + "'; write one with 'cosmicweb train')");
        }
        if (magic.equals(MAGIC_PREFIX + "1")) {
            throw new IllegalArgumentException(where + " is a model file of format 1, written by an earlier version"
                    + " without a checksum or feature names, so it cannot be checked; " + Version.software()
                    + " reads formats " + FORMAT + " and " + FORMAT_DECORRELATED + " only: train the model again with"
                    + " 'cosmicweb train'");
        }
        if (!magic.equals(MAGIC) && !magic.equals(MAGIC_PREFIX + FORMAT_DECORRELATED)) {
            throw new IllegalArgumentException(where + " is a model file of format '"
                    + magic.substring(MAGIC_PREFIX.length()) + "', which " + Version.software() + " does not read (it"
                    + " reads formats " + FORMAT + " and " + FORMAT_DECORRELATED + ")");
        }
        return magic;
    }

    private static void verifyChecksum(byte[] all, String where) {
        int minimum = 2 + MAGIC.length() + 4 + CHECKSUM_BYTES;
        boolean ok = all.length >= minimum && Arrays.equals(sha256(all, all.length - CHECKSUM_BYTES),
                Arrays.copyOfRange(all, all.length - CHECKSUM_BYTES, all.length));
        if (ok) {
            return;
        }
        long expected = expectedLength(all);
        if (expected > all.length) {
            throw new IllegalArgumentException(where + " is truncated: it holds " + all.length + " bytes, its header"
                    + " describes " + expected + " (an interrupted copy?); it is not used: copy or train it again");
        }
        throw new IllegalArgumentException(where + " is damaged: the SHA-256 checksum it carries does not match its"
                + " content, so it was changed after it was written (a flipped byte, an edited field); it is not used:"
                + " restore the file or train the model again");
    }

    /** The length the header's architecture implies, or -1 when the header cannot be read. */
    private static long expectedLength(byte[] all) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
            in.readUTF();
            int start = 2 + MAGIC.length();
            JsonNode h = readHeader(in, "");
            GnnModel m = new GnnModel(config(h, ""), 0);
            int headerLength = ((all[start] & 0xff) << 24) | ((all[start + 1] & 0xff) << 16) | ((all[start + 2] & 0xff) << 8)
                    | (all[start + 3] & 0xff);
            long n = start + 4L + headerLength + 4;
            for (Param p : m.params()) {
                n += 2 + p.name.getBytes(StandardCharsets.UTF_8).length + 4 + 4L * p.value.length;
            }
            return n + CHECKSUM_BYTES;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static JsonNode readHeader(DataInputStream in, String where) throws IOException {
        int n = in.readInt();
        if (n < 2 || n > in.available()) {
            throw new IllegalArgumentException(where + " has a header of " + n + " bytes in a file of fewer");
        }
        byte[] h = in.readNBytes(n);
        JsonNode node = Json.parse(new String(h, StandardCharsets.UTF_8), where + " header");
        int format = node.path("format").asInt(-1);
        if (format != FORMAT && format != FORMAT_DECORRELATED) {
            throw new IllegalArgumentException(where + " header says format " + node.path("format") + ", expected "
                    + FORMAT + " or " + FORMAT_DECORRELATED);
        }
        return node;
    }

    private static ModelConfig config(JsonNode h, String where) {
        JsonNode c = h.path("config");
        return new ModelConfig(integer(c, "node_dim", where), integer(c, "edge_dim", where), integer(c, "heads", where),
                integer(c, "hidden", where), integer(c, "latent", where), aggregation(c, where),
                integer(c, "layers", where));
    }

    private static Aggregation aggregation(JsonNode c, String where) {
        String a = c.path("aggregation").asText("");
        for (Aggregation x : Aggregation.values()) {
            if (x.name().equals(a)) {
                return x;
            }
        }
        throw new IllegalArgumentException(where + " header names the aggregation '" + a + "', not one of "
                + Arrays.toString(Aggregation.values()));
    }

    private static int integer(JsonNode c, String key, String where) {
        JsonNode v = c.get(key);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException(where + " header lacks config." + key + " (expected a whole number)");
        }
        return v.intValue();
    }

    private static List<String> names(JsonNode h, String key, int n, String where) {
        JsonNode a = h.get(key);
        if (!(a instanceof ArrayNode arr) || arr.size() != n) {
            throw new IllegalArgumentException(where + " header lacks " + key + " (expected " + n + " names)");
        }
        List<String> out = new ArrayList<>(n);
        arr.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static Standardizer standardizer(JsonNode norm, String key, String where) {
        JsonNode s = norm.path(key);
        String at = where + " standardizers." + key;
        double[] mean = doubles(s.get("mean"), at + ".mean");
        double[] std = doubles(s.get("std"), at + ".std");
        if (!s.has("beta") && !s.has("rstd")) {
            return new Standardizer(mean, std);
        }
        double[] beta = doubles(s.get("beta"), at + ".beta");
        double[] rstd = doubles(s.get("rstd"), at + ".rstd");
        try {
            return new Standardizer(mean, std, beta, rstd);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private static double[] doubles(JsonNode a, String what) {
        if (!(a instanceof ArrayNode arr)) {
            throw new IllegalArgumentException(what + " is missing (expected an array of numbers)");
        }
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) {
            if (!arr.get(i).isNumber()) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + arr.get(i) + " (expected a number)");
            }
            out[i] = arr.get(i).doubleValue();
        }
        return out;
    }

    private static byte[] sha256(byte[] b, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b, 0, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** SHA-256 of a whole file as hex, e.g. to record which model made a prediction file. */
    public static String sha256Hex(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            return HexFormat.of().formatHex(sha256(b, b.length));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + IoErrors.describe(e), e);
        }
    }
}
