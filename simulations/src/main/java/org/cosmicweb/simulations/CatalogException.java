package org.cosmicweb.simulations;

import java.nio.file.Path;

/**
 * A catalog file is missing, malformed or holds values outside what the reader accepts.
 * The message always names the file and, where there is one, the dataset or attribute.
 */
public class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "{@code field} in {@code file}: {@code problem}". */
    public static CatalogException at(Path file, String field, String problem) {
        return new CatalogException(field + " in " + file + ": " + problem);
    }
}
