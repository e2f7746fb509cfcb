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
 * the command line override the file. A catalog source of another kind on the command line (--table
 * where the file has tng) replaces the file's source and what describes it (its parameter table,
 * box features, columns, snapshot); keys that name no option of the command are an error.
 */
final class JsonDefaults implements CommandLine.IDefaultValueProvider {
    /** The catalog sources, of which a command takes one. */
    static final java.util.Set<String> SOURCES = java.util.Set.of("tng", "table", "suite", "subfind");
    /** What describes a catalog source: it goes with the file's source when the command line names another kind. */
    static final java.util.Set<String> SOURCE_DETAILS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("suite-params", "box-features", "snapshot", "hydro-run", "dark-run"),
            TableOptions.NAMES.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** Options that act on the command line itself, not defaults a file can give. */
    static final java.util.Set<String> NOT_IN_FILE = java.util.Set.of("config", "help", "version", "debug");
    private final JsonNode root;
    private final Path file;
    /** Whether the command line names a kind of source the file does not: the file's source and its details are then unused. */
    private final boolean otherSource;

    private JsonDefaults(JsonNode root, Path file, String[] args) {
        this.root = root;
        this.file = file;
        java.util.Set<String> given = new java.util.HashSet<>();
        for (String a : args) {
            for (String s : SOURCES) {
                if (a.equals("--" + s) || a.startsWith("--" + s + "=")) {
                    given.add(s);
                }
            }
        }
        this.otherSource = !given.isEmpty() && SOURCES.stream().anyMatch(s -> root.has(s) && !given.contains(s));
        this.args = args.clone();
    }

    /** The command line, whose options win over the file's. */
    private final String[] args;

    /**
     * Options of which a command takes one: the command line naming one drops the file's value of the
     * others, as it would the file's value of the same option.
     */
    static final java.util.List<java.util.Set<String>> EXCLUSIVE = java.util.List.of(
            java.util.Set.of("linking-length", "knn"));

    /** Whether the command line names {@code opt} (in any of its names, with or without "=value"). */
    private boolean typed(CommandLine.Model.OptionSpec opt) {
        for (String n : opt.names()) {
            if (typed(n)) {
                return true;
            }
        }
        return false;
    }

    private boolean typed(String name) {
        for (String a : args) {
            if (a.equals(name) || a.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the command line names an option that excludes {@code name} (long name without dashes). */
    private boolean excluded(String name) {
        for (java.util.Set<String> group : EXCLUSIVE) {
            if (group.contains(name) && group.stream().anyMatch(o -> !o.equals(name) && typed("--" + o))) {
                return true;
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
                JsonDefaults d = new JsonDefaults(root, file, args);
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
            if (NOT_IN_FILE.contains(key)) {
                throw new IllegalArgumentException("config file " + file + ": '" + key + "' cannot be set in a config file"
                        + " (give --" + key + " on the command line)");
            }
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
    String origin(CommandLine.Model.ArgSpec arg) {
        if (!(arg instanceof CommandLine.Model.OptionSpec opt)) {
            return "";
        }
        String name = opt.longestName().replaceFirst("^--", "");
        if (root.get(name) == null || typed(opt)) {
            return "";
        }
        return " (from '" + name + "' in config file " + file + ")";
    }

    /**
     * The same for a check that failed after parsing ({@link OptionChecks}): its message starts with the
     * option's name ("--epochs must be in ..."); "" when it does not, or the value was typed.
     */
    String origin(CommandLine.Model.CommandSpec spec, String message) {
        if (message == null || !message.startsWith("--")) {
            return "";
        }
        int end = 2;
        while (end < message.length() && (Character.isLetterOrDigit(message.charAt(end)) || message.charAt(end) == '-')) {
            end++;
        }
        CommandLine.Model.OptionSpec opt = spec.findOption(message.substring(0, end));
        return opt == null || dropped(opt.longestName().replaceFirst("^--", "")) ? "" : origin(opt);
    }

    /**
     * Whether the person gave {@code option} to the command of {@code spec}: on the command line, or in
     * its --config file (a value the file's rules did not drop), not left at its default.
     */
    static boolean given(CommandLine.Model.CommandSpec spec, String option) {
        return onCommandLine(spec, option) || spec != null && spec.commandLine() != null
                && spec.commandLine().getDefaultValueProvider() instanceof JsonDefaults d
                && d.has(option.replaceFirst("^--", ""));
    }

    /** Whether {@code option} is on the command line of {@code spec}'s command (not only in its --config file). */
    static boolean onCommandLine(CommandLine.Model.CommandSpec spec, String option) {
        return spec != null && spec.commandLine() != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Whether the file sets the option {@code name} (long name without dashes). */
    boolean has(String name) {
        return root.get(name) != null && !dropped(name);
    }

    /**
     * Whether the command line chooses a kind of graph that the file's option {@code name} does not
     * describe: then the file's value is dropped (a file written for projected graphs still serves
     * `--projection 3d` or `--knn 5` typed over it; one written for kNN graphs, `--linking-length 3`).
     */
    private boolean otherGraph(String name) {
        return switch (name) {
            case "los", "dv-max" -> typed("--knn") || "3d".equalsIgnoreCase(typedValue("--projection"));
            case "projection" -> typed("--knn");
            case "symmetric" -> typed("--linking-length");
            default -> false;
        };
    }

    /** The value typed for option {@code name} ("--x=v" or "--x v"), stripped, or null. */
    private String typedValue(String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1).strip();
            }
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1].strip();
            }
        }
        return null;
    }

    /**
     * A key of the file's catalog source when the command line names another kind, or a key describing
     * a kind of graph the command line chooses otherwise.
     */
    private boolean dropped(String name) {
        return (otherSource && (SOURCES.contains(name) || SOURCE_DETAILS.contains(name))) || otherGraph(name);
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (!(arg instanceof CommandLine.Model.OptionSpec opt)) {
            return null;
        }
        String name = opt.longestName().replaceFirst("^--", "");
        JsonNode v = root.get(name);
        // What the command line says wins: the file's value is not even a default for it (a switch such as
        // --self-loops given on both would otherwise flip back, as picocli negates a default of true).
        if (v == null || dropped(name) || typed(opt) || excluded(name)) {
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
