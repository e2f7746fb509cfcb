package org.cosmicweb.experiments.cli;

import org.cosmicweb.common.IoErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * What a failed command tells a person: the message of the failure (or of its cause, where the
 * failure only wraps it), without Java class names, stack traces or the word "null"; running out of
 * memory becomes advice. {@code --debug} shows the stack trace as well.
 */
public final class ErrorMessages {
    /** A fully qualified Java class name of a throwable, with the ": " after it, as Java's toString() writes it. */
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*)?");
    /** The word null as Java prints a missing value, not inside a path such as /dev/null. */
    private static final Pattern NULL = Pattern.compile("(?<![/\\\\\\w.-])null(?![/\\\\\\w.-])");

    private ErrorMessages() {
    }

    /** Whether the failure is one of the program's own refusals (no hint to rerun with --debug). */
    public static boolean expected(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof UncheckedIOException || t instanceof org.cosmicweb.common.OutputException
                || t instanceof org.cosmicweb.simulations.CatalogException
                || t instanceof org.cosmicweb.gnn.cuda.CudaException || t instanceof OutOfMemoryError;
    }

    public static String of(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return outOfMemory(t);
        }
        Throwable cur = t;
        String msg = null;
        while (cur != null) {
            String m = cur.getMessage();
            Throwable cause = cur.getCause();
            if (cur instanceof OutOfMemoryError) {
                return outOfMemory(cur);
            }
            if (cur instanceof IOException io && (m == null || m.isBlank() || !m.contains(" "))) {
                msg = IoErrors.describe(io);
                break;
            }
            if (cur instanceof UncheckedIOException && cause != null && (m == null || m.equals(cause.toString()))) {
                cur = cause;
                continue;
            }
            boolean wraps = cause != null && (m == null || m.isBlank() || m.equals(cause.toString())
                    || m.equals(cause.getMessage()));
            if (!wraps && m != null && !m.isBlank()) {
                msg = m;
                break;
            }
            if (cause == null) {
                break;
            }
            cur = cause;
        }
        if (msg == null) {
            msg = describe(cur == null ? t : cur);
        }
        msg = CLASS_NAME.matcher(msg).replaceAll("");
        msg = NULL.matcher(msg).replaceAll("(none)");
        return msg.strip();
    }

    private static String describe(Throwable t) {
        if (t instanceof NullPointerException) {
            return "internal error: a value the program needed was missing (run again with --debug to see where)";
        }
        if (t instanceof StackOverflowError) {
            return "the program ran out of stack (run again with --debug to see where)";
        }
        if (t instanceof ArithmeticException) {
            return "a number grew beyond what the program can hold (run again with --debug to see where)";
        }
        return "internal error without a message (run again with --debug to see where)";
    }

    private static String outOfMemory(Throwable t) {
        long max = Runtime.getRuntime().maxMemory();
        String heap = max == Long.MAX_VALUE ? "the Java heap" : String.format(java.util.Locale.ROOT,
                "the Java heap of %.1f GiB", max / (double) (1L << 30));
        String what = t.getMessage() != null && t.getMessage().contains("array size") ? " (an array larger than Java"
                + " allows)" : "";
        return "out of memory: this job needs more than " + heap + what + ". Make it smaller (a smaller box or"
                + " catalog, shorter linking lengths, fewer or narrower heads; for bench gnn fewer --nodes or --edges)"
                + " or give Java more memory, e.g. JAVA_OPTS=-Xmx24g for the"
                + " launcher or java -Xmx24g";
    }
}
