package org.cosmicweb.experiments;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on stderr: a redrawn bar when stderr is a terminal, plain lines otherwise (CI logs,
 * pipes). Plain mode prints at most one line per {@code minSeconds} of a task, plus its end.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final double minSeconds;
    private long lastPrint;

    public Progress(PrintStream out, boolean terminal, double minSeconds) {
        this.out = out;
        this.terminal = terminal;
        this.minSeconds = minSeconds;
    }

    public static Progress stderr() {
        return new Progress(System.err, System.console() != null, 5.0);
    }

    public void message(String text) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(text);
        out.flush();
    }

    /** Step {@code done} of {@code total} of a task called {@code label}, with a free-form detail. */
    public void update(String label, int done, int total, String detail) {
        long now = System.nanoTime();
        boolean last = done >= total;
        if (terminal) {
            int width = 30;
            int fill = total == 0 ? width : (int) Math.round(width * (double) done / total);
            out.printf(Locale.ROOT, "\r\033[K%s [%s%s] %d/%d %s", label, "#".repeat(fill), ".".repeat(width - fill),
                    done, total, detail);
            if (last) {
                out.println();
            }
            out.flush();
        } else if (last || (now - lastPrint) / 1e9 >= minSeconds) {
            out.printf(Locale.ROOT, "%s %d/%d %s%n", label, done, total, detail);
            out.flush();
            lastPrint = now;
        }
    }
}
