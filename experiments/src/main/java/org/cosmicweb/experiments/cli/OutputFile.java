package org.cosmicweb.experiments.cli;

import picocli.CommandLine;

import java.io.File;
import java.nio.file.Path;

/**
 * The path of an output that is one file. A value ending with a separator ("runs/graphs/") names a
 * folder; Java's Path would drop the separator and the command would write a file of that name, so it
 * is refused here, where the separator is still seen.
 */
final class OutputFile implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        if (value.endsWith("/") || value.endsWith(File.separator)) {
            throw new CommandLine.TypeConversionException("'" + value + "' ends with '/', so it names a folder; this"
                    + " output is one file: give its name (e.g. " + value + "out" + ")");
        }
        return CosmicWebCli.path(value);
    }
}
