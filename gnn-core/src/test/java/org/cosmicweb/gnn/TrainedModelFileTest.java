package org.cosmicweb.gnn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model file is read exactly as written, or refused with a message saying why. */
class TrainedModelFileTest {
    @TempDir
    Path dir;

    private static final ModelConfig CFG = new ModelConfig(3, 6, 1, 8, 4, Aggregation.MULTI);

    private static TrainedModel model() {
        Standardizer sn = new Standardizer(new double[] {1, 2, 3}, new double[] {1, 1, 2});
        Standardizer se = new Standardizer(new double[6], new double[] {1, 1, 1, 1, 1, 1});
        Standardizer st = new Standardizer(new double[] {10}, new double[] {0.5});
        return new TrainedModel(new GnnModel(CFG, 9), sn, se, st,
                Map.of("catalog_sha256", "ab12", "cut_min_log_mstar", "9.0", "linking_length_mpc", "3.0"),
                List.of("log_mhalo", "log_vmax", "is_central"), List.of("d", "cos1", "cos2", "cos3", "dv", "cosv"));
    }

    private static String refusal(Path f) {
        String m = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(f, -1, -1)).getMessage();
        assertFalse(m.contains("null") || m.contains("Exception"), m);
        return m;
    }

    @Test
    void namesProvenanceAndParametersComeBackExactly() {
        TrainedModel tm = model();
        Path f = dir.resolve("m.cwgnn");
        tm.save(f);
        TrainedModel back = TrainedModel.load(f, 3, 6);
        assertEquals(tm.nodeFeatures(), back.nodeFeatures());
        assertEquals(tm.edgeFeatures(), back.edgeFeatures());
        assertEquals(tm.provenance(), back.provenance());
        for (int k = 0; k < tm.model().params().size(); k++) {
            assertArrayEquals(tm.model().params().get(k).value, back.model().params().get(k).value);
        }
        assertTrue(TrainedModel.isModelFile(f));
    }

    @Test
    void aDecorrelatingNodeStandardizerComesBackExactlyAndAPlainOneStaysPlain() {
        TrainedModel plain = model();
        double[] data = {11.0, 2.1, 1, 11.5, 2.3, 0, 12.0, 2.25, 1, 13.1, 2.6, 1, 12.2, 2.4, 0};
        Standardizer sn = Standardizer.fitDecorrelated(data, 3, null);
        TrainedModel tm = new TrainedModel(plain.model(), sn, plain.edges(), plain.target(), plain.provenance(),
                plain.nodeFeatures(), plain.edgeFeatures());
        Path f = dir.resolve("d.cwgnn");
        tm.save(f);
        Standardizer back = TrainedModel.load(f, 3, 6).nodes();
        assertEquals(sn, back);
        assertArrayEquals(sn.apply(data), back.apply(data));
        Path g = dir.resolve("p.cwgnn");
        plain.save(g);
        assertFalse(TrainedModel.load(g, 3, 6).nodes().decorrelates());
        // Only the node standardiser may decorrelate.
        assertThrows(IllegalArgumentException.class, () -> new TrainedModel(plain.model(), plain.nodes(),
                plain.edges(), Standardizer.fitDecorrelated(new double[] {1, 2, 3}, 1, null), plain.provenance(),
                plain.nodeFeatures(), plain.edgeFeatures()));
        // A version that reads format 2 only refuses the decorrelating file instead of ignoring its beta.
        assertTrue(new String(readBytes(f), 2, 15, StandardCharsets.ISO_8859_1).equals("cosmicweb-gnn 3"));
        assertTrue(new String(readBytes(g), 2, 15, StandardCharsets.ISO_8859_1).equals(TrainedModel.MAGIC));
    }

    private static byte[] readBytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyFlippedByteIsRefusedAsDamaged() throws Exception {
        Path f = dir.resolve("m.cwgnn");
        model().save(f);
        byte[] good = Files.readAllBytes(f);
        // Every 97th byte past the magic line: header, parameters and the checksum itself.
        for (int at = 20; at < good.length; at += 97) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            Path g = dir.resolve("flip.cwgnn");
            Files.write(g, bad);
            String m = refusal(g);
            assertTrue(m.contains("is damaged") && m.contains("checksum"), "byte " + at + ": " + m);
        }
    }

    @Test
    void anEditedProvenanceFieldIsRefused() throws Exception {
        Path f = dir.resolve("m.cwgnn");
        model().save(f);
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("\"cut_min_log_mstar\":\"9.0\""));
        byte[] edited = text.replace("\"cut_min_log_mstar\":\"9.0\"", "\"cut_min_log_mstar\":\"8.0\"")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path g = dir.resolve("edited.cwgnn");
        Files.write(g, edited);
        assertTrue(refusal(g).contains("is damaged"));
    }

    @Test
    void aTruncatedFileIsReportedAsTruncated() throws Exception {
        Path f = dir.resolve("m.cwgnn");
        model().save(f);
        byte[] good = Files.readAllBytes(f);
        for (int len : new int[] {good.length - 1, good.length / 2, 600}) {
            Path g = dir.resolve("cut.cwgnn");
            Files.write(g, Arrays.copyOf(good, len));
            String m = refusal(g);
            assertTrue(m.contains("is truncated") && m.contains("holds " + len + " bytes"), m);
        }
        Files.write(dir.resolve("tiny.cwgnn"), Arrays.copyOf(good, 10));
        assertTrue(refusal(dir.resolve("tiny.cwgnn")).contains("not a cosmicweb model file"));
    }

    @Test
    void formatOneAndUnknownFormatsAreRefusedByName() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeUTF("cosmicweb-gnn 1");
            byte[] h = "config.nodeDim=3\n".getBytes(StandardCharsets.UTF_8);
            out.writeInt(h.length);
            out.write(h);
        }
        Path old = dir.resolve("old.cwgnn");
        Files.write(old, b.toByteArray());
        assertTrue(TrainedModel.isModelFile(old), "an old model file is still recognised as this program's");
        assertTrue(refusal(old).contains("format 1"));
        byte[] future = b.toByteArray();
        future[2 + "cosmicweb-gnn ".length()] = '7';
        Files.write(old, future);
        assertTrue(refusal(old).contains("format '7'"));
        Files.writeString(old, "not a model");
        assertTrue(refusal(old).contains("not a cosmicweb model file"));
        assertFalse(TrainedModel.isModelFile(old));
    }
}
