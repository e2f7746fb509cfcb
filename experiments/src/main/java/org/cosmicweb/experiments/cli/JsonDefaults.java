package org.cosmicweb.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.cosmicweb.common.Json;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Option defaults from a JSON object named by {@code --config FILE}: each key is an option's long
 * name without dashes ("epochs", "linking-lengths"); arrays become comma-separated lists. Flags on
 * the command line override the file, and a catalog source on the command line (--tng, --table,
 * --suite, --subfind) overrides the file's, whichever it is; keys that name no option of the command
 * are an error.
 */
final class JsonDefaults implements CommandLine.IDefaultValueProvider {
    /** The catalog sources, of which a command takes one: one given on the command line overrides the file's. */
    static final java.util.Set<String> SOURCES = java.util.Set.of("tng", "table", "suite", "subfind");
    private final JsonNode root;
    private final Path file;
    private final boolean sourceGiven;

    private JsonDefaults(JsonNode root, Path file, boolean sourceGiven) {
        this.root = root;
        this.file = file;
        this.sourceGiven = sourceGiven;
    }

    private static boolean givesSource(String[] args) {
        for (String a : args) {
            for (String s : SOURCES) {
                if (a.equals("--" + s) || a.startsWith("--" + s + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    static void install(CommandLine cl, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = a.startsWith("--config=") ? a.substring(9) : a.equals("--config") && i + 1 < args.length ? args[i + 1] : null;
            if (value != null) {
                Path file = CosmicWebCli.path(value);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("cannot read config file " + file + ": "
                            + (Files.isDirectory(file) ? "it is a folder" : "no such file"));
                }
                JsonNode root = Json.read(file, "config file");
                if (!root.isObject()) {
                    throw new IllegalArgumentException("config file " + file + " must hold one JSON object");
                }
                JsonDefaults d = new JsonDefaults(root, file, givesSource(args));
                d.checkKeys(cl, args);
                cl.setDefaultValueProvider(d);
                return;
            }
        }
    }

    private void checkKeys(CommandLine cl, String[] args) {
        CommandLine sub = cl;
        for (String a : args) {
            Map<String, CommandLine> subs = sub.getSubcommands();
            if (subs.containsKey(a)) {
                sub = subs.get(a);
            }
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (sub.getCommandSpec().findOption("--" + key) == null) {
                throw new IllegalArgumentException("config file " + file + ": '" + key + "' is not an option of '"
                        + sub.getCommandName() + "'");
            }
            JsonNode v = root.get(key);
            if (v.isNull()) {
                throw new IllegalArgumentException("config file " + file + ": '" + key + "' has no value (JSON null);"
                        + " give one, or leave the key out for the default");
            }
            if (v.isObject() || (v.isArray() && java.util.stream.StreamSupport.stream(v.spliterator(), false)
                    .anyMatch(x -> x.isContainerNode() || x.isNull()))) {
                throw new IllegalArgumentException("config file " + file + ": '" + key + "' must be a number, a text or"
                        + " a list of them, got " + v);
            }
        }
    }

    /**
     * " (from 'epochs' in config file c.json)" when the value of {@code arg} that failed came from this
     * file (the option is not on the command line {@code args}), else "".
     */
    String origin(CommandLine.Model.ArgSpec arg, String[] args) {
        if (!(arg instanceof CommandLine.Model.OptionSpec opt)) {
            return "";
        }
        String name = opt.longestName().replaceFirst("^--", "");
        if (root.get(name) == null) {
            return "";
        }
        for (String a : args) {
            for (String n : opt.names()) {
                if (a.equals(n) || a.startsWith(n + "=")) {
                    return "";
                }
            }
        }
        return " (from '" + name + "' in config file " + file + ")";
    }

    /** Whether the file sets the option {@code name} (long name without dashes). */
    boolean has(String name) {
        return root.get(name) != null;
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (!(arg instanceof CommandLine.Model.OptionSpec opt)) {
            return null;
        }
        String name = opt.longestName().replaceFirst("^--", "");
        JsonNode v = root.get(name);
        if (v == null || (sourceGiven && SOURCES.contains(name))) {
            return null;
        }
        if (v.isArray()) {
            StringBuilder b = new StringBuilder();
            v.forEach(x -> b.append(b.length() == 0 ? "" : ",").append(x.asText()));
            return b.toString();
        }
        return v.asText();
    }
}
