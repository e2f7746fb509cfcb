package org.cosmicweb.experiments.cli;

import org.cosmicweb.common.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;

/** Entry point of the {@code cosmicweb} program: parses arguments and delegates to subcommands. */
@Command(name = "cosmicweb", mixinStandardHelpOptions = true, versionProvider = CosmicWebCli.VersionProvider.class,
        description = "Predict galaxy stellar masses from dark-matter-only simulations with graph neural networks.",
        subcommands = {SimulateCommand.class, CatalogCommand.class, GraphCommand.class, TrainCommand.class,
            PredictCommand.class, ExperimentCommand.class, EmbedCommand.class, ProbeCommand.class,
            BenchCommand.class})
public final class CosmicWebCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "On failure, also print where in the program it failed (a stack trace).")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The version from the build ({@link Version}). */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Version.software()};
        }
    }

    /** Runs the program; returns 0 on success, 1 on a failed job, 2 on bad usage. */
    public static int execute(String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cl = new CommandLine(new CosmicWebCli());
        cl.registerConverter(Path.class, CosmicWebCli::path);
        cl.registerConverter(Double.class, CosmicWebCli::number);
        cl.registerConverter(double.class, CosmicWebCli::number);
        cl.registerConverter(Integer.class, CosmicWebCli::whole);
        cl.registerConverter(int.class, CosmicWebCli::whole);
        cl.registerConverter(Long.class, CosmicWebCli::wholeLong);
        cl.registerConverter(long.class, CosmicWebCli::wholeLong);
        // picocli's @file argument files would hide options from --config's "the command line wins" rule
        // (it reads the arguments as typed); --config FILE.json is the one way to keep options in a file.
        cl.setExpandAtFiles(false);
        try {
            JsonDefaults.install(cl, args);
        } catch (IllegalArgumentException e) {
            cl.getErr().println("cosmicweb: error: " + ErrorMessages.of(e));
            cl.getErr().flush();
            return 2;
        }
        cl.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            String origin = c.getDefaultValueProvider() instanceof JsonDefaults d && ex.getArgSpec() != null
                    ? d.origin(ex.getArgSpec()) : "";
            err.println(c.getCommandSpec().qualifiedName() + ": " + ErrorMessages.of(ex) + origin);
            if (ex instanceof CommandLine.UnmatchedArgumentException u
                    && u.getUnmatched().stream().anyMatch(a -> a.startsWith("@"))) {
                err.println("Argument files (@FILE) are not read: put the options in a JSON object and give"
                        + " --config FILE.json.");
            }
            if (ex instanceof CommandLine.MissingParameterException
                    || ex instanceof CommandLine.UnmatchedArgumentException) {
                err.print(c.getHelp().fullSynopsis());
            }
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options and their ranges.");
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            String origin = commandLine.getDefaultValueProvider() instanceof JsonDefaults d
                    ? d.origin(commandLine.getCommandSpec(), ex.getMessage()) : "";
            err.println(commandLine.getCommandSpec().qualifiedName() + ": error: " + ErrorMessages.of(ex) + origin);
            if (debug) {
                ex.printStackTrace(err);
            } else if (!ErrorMessages.expected(ex)) {
                err.println("(run again with --debug to see where it failed)");
            }
            err.flush();
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (Error e) {
            // Errors (out of memory above all) pass picocli's handlers: said here, in words.
            cl.getErr().println("cosmicweb: error: " + ErrorMessages.of(e));
            if (debug) {
                e.printStackTrace(cl.getErr());
            }
            cl.getErr().flush();
            return 1;
        }
    }

    /** A number option, said in words when it is not one ("'x' is not a number"). */
    static Double number(String s) {
        try {
            return Double.valueOf(s.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a number");
        }
    }

    static Integer whole(String s) {
        long v = wholeLong(s);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new CommandLine.TypeConversionException("'" + s + "' is too large (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    static Long wholeLong(String s) {
        try {
            return Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a whole number"
                    + (s.matches("[-+]?[0-9.]+[eE][0-9]+") ? " (write it out in digits)" : ""));
        }
    }

    /**
     * A path option: a name the file system cannot hold (a non-ASCII name in a non-UTF-8 locale such
     * as LANG=C) is a usage error that says so, not a Java exception.
     */
    static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            String encoding = System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name());
            throw new CommandLine.TypeConversionException("'" + s + "' cannot be a file name here: file names are"
                    + " encoded as " + encoding + " in this locale" + (encoding.toUpperCase(java.util.Locale.ROOT)
                    .contains("UTF") ? "" : ", which cannot hold some of its characters; run in a UTF-8 locale, e.g."
                    + " LANG=C.UTF-8"));
        }
    }
}
