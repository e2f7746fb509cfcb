package org.cosmicweb.experiments.cli;

import org.cosmicweb.simulations.CatalogException;
import org.cosmicweb.gnn.cuda.CudaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Entry point of the {@code cosmicweb} program: parses arguments and delegates to subcommands. */
@Command(name = "cosmicweb", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Predict galaxy stellar masses from dark-matter-only simulations with graph neural networks.",
        subcommands = {SimulateCommand.class, CatalogCommand.class, GraphCommand.class, TrainCommand.class,
            PredictCommand.class, ExperimentCommand.class, EmbedCommand.class, ProbeCommand.class,
            BenchCommand.class})
public final class CosmicWebCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the program; returns 0 on success, 1 on a failed job, 2 on bad usage. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new CosmicWebCli());
        try {
            JsonDefaults.install(cl, args);
        } catch (IllegalArgumentException e) {
            cl.getErr().println("cosmicweb: error: " + e.getMessage());
            cl.getErr().flush();
            return 2;
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof CatalogException || ex instanceof IllegalArgumentException
                    || ex instanceof UncheckedIOException || ex instanceof IllegalStateException
                    || ex instanceof CudaException) {
                err.println("cosmicweb " + commandLine.getCommandName() + ": error: " + ex.getMessage());
            } else {
                err.println("cosmicweb " + commandLine.getCommandName() + ": unexpected failure: " + ex);
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cl.execute(args);
    }
}
