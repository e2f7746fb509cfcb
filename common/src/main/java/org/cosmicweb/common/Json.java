package org.cosmicweb.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every JSON the program reads or writes goes through this one Jackson mapper: manifests, configs,
 * model headers, summaries printed on one line, benchmark lines, the mock's sidecar. Reading is
 * strict: trailing text after the value and duplicate keys are errors, and a parse error names the
 * file (or text), line and column in words.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty array. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** An array of the values. */
    public static ArrayNode array(double... values) {
        ArrayNode a = array();
        for (double v : values) {
            a.add(finite(v) ? JsonNodeFactory.instance.numberNode(v) : JsonNodeFactory.instance.nullNode());
        }
        return a;
    }

    /** An array of the values. */
    public static ArrayNode array(int... values) {
        ArrayNode a = array();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    /** An array of the strings. */
    public static ArrayNode array(Iterable<String> values) {
        ArrayNode a = array();
        values.forEach(a::add);
        return a;
    }

    /** Puts {@code value}, or null when it is NaN or infinite (JSON has no such numbers). */
    public static ObjectNode put(ObjectNode o, String key, double value) {
        if (finite(value)) {
            o.put(key, value);
        } else {
            o.putNull(key);
        }
        return o;
    }

    /** Puts {@code value} rounded to {@code decimals} places (null when not finite): for figures people read. */
    public static ObjectNode put(ObjectNode o, String key, double value, int decimals) {
        return put(o, key, round(value, decimals));
    }

    /** {@code x} rounded to {@code decimals} places; NaN and infinities unchanged. */
    public static double round(double x, int decimals) {
        if (!finite(x)) {
            return x;
        }
        return new java.math.BigDecimal(x).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    private static boolean finite(double v) {
        return !Double.isNaN(v) && !Double.isInfinite(v);
    }

    /** One line, no spaces: for summaries printed on standard output and benchmark lines. */
    public static String line(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Indented, with a final newline: for files people open (manifests, markers, sidecars). */
    public static String pretty(JsonNode n) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@link #pretty} to a file (not atomically: for files inside an atomic output). */
    public static void write(Path file, JsonNode n) throws IOException {
        Files.writeString(file, pretty(n), StandardCharsets.UTF_8);
    }

    /**
     * Parses {@code text}; {@code where} names its origin in the error ("config file run.json").
     *
     * @throws IllegalArgumentException naming where, line and column, and what is wrong
     */
    public static JsonNode parse(String text, String where) {
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || n.isMissingNode()) {
                throw new IllegalArgumentException(where + " is empty (expected a JSON value)");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + " is not valid JSON: " + describe(e));
        }
    }

    /** Reads and parses a file; {@code what} says what it is ("config file"). */
    public static JsonNode read(Path file, String what) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " " + file + ": " + IoErrors.describe(e));
        }
        return parse(text, what + " " + file);
    }

    /** A Jackson parse error in words: what, then line and column. */
    public static String describe(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (msg == null) {
            msg = "malformed";
        }
        // Jackson appends what it expected in its own terms after a newline; the first line says it.
        int nl = msg.indexOf('\n');
        msg = nl > 0 ? msg.substring(0, nl) : msg;
        msg = msg.replace("Trailing token (of type ", "text after the JSON value (")
                .replace("MismatchedInputException", "").replace("JsonToken.", "")
                .replace(" (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", "");
        JsonLocation at = e.getLocation();
        return at == null ? msg : msg + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** The mapper, for code that needs Jackson's own API (tree conversions). Configured as above. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
