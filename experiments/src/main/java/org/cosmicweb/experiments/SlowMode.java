package org.cosmicweb.experiments;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Says once per run when the CPU engine trained in JDK 17's slow mode: a JIT decision made once per
 * JVM that leaves some Vector API operations uncompiled, so every step allocates (see the README's
 * performance notes). It changes the time, never the numbers. Told apart by the bytes the JVM
 * allocated per edge and node of the training steps: 150 to 300 on the CPU engine with the default
 * network (measured on the embedded mock's quick run), over an order of magnitude more in the slow
 * mode (0.67 GB per step of 220k rows in {@code bench gnn}, one head: about 3,000 per row per head).
 */
final class SlowMode {
    /** Between the compiled engine's 150–300 bytes per row and the slow mode's thousands. */
    static final double BYTES_PER_ROW = 2000;
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private SlowMode() {
    }

    /** The note for one training run, or null: only the fast CPU engine ("cpu") is judged. */
    static String note(double bytesPerRow, String engine) {
        if (!"cpu".equals(engine) || !(bytesPerRow > BYTES_PER_ROW)) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "note: this run's JVM compiled the GNN engine into its slow mode"
                + " (%.0f bytes allocated per edge and node of a training step, 150 to 300 otherwise): the numbers are"
                + " the same, the GNN stages take about twice as long. It is a JIT decision made once per JVM on JDK 17"
                + " (README, \"Performance notes\"); COSMICWEB_JAVA naming a newer JDK avoided it", bytesPerRow);
    }

    /** Passes the note to {@code out} the first time one applies in this JVM. */
    static void report(double bytesPerRow, String engine, Consumer<String> out) {
        String n = note(bytesPerRow, engine);
        if (n != null && TOLD.compareAndSet(false, true)) {
            out.accept(n);
        }
    }
}
