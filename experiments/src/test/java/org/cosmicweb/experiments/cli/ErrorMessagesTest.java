package org.cosmicweb.experiments.cli;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a person reads when a command fails. */
class ErrorMessagesTest {
    @Test
    void wrappersGiveWayToTheirCauseAndClassNamesAndNullDisappear() {
        RuntimeException inner = new IllegalArgumentException("k must be in 1..9, got 12");
        assertEquals("k must be in 1..9, got 12", ErrorMessages.of(new RuntimeException(inner)));
        assertEquals("k must be in 1..9, got 12", ErrorMessages.of(new IllegalStateException(inner.toString(), inner)));
        assertEquals("bad value: x", ErrorMessages.of(new IllegalStateException("java.lang.IllegalArgumentException: bad value: x")));
        assertEquals("got (none) for --out, not /dev/null", ErrorMessages.of(new IllegalArgumentException(
                "got null for --out, not /dev/null")));
        String io = ErrorMessages.of(new UncheckedIOException(new AccessDeniedException("/data/out")));
        assertEquals("permission denied (/data/out)", io);
        String npe = ErrorMessages.of(new NullPointerException());
        assertTrue(npe.contains("--debug") && !npe.contains("Exception") && !npe.contains("null"), npe);
    }

    @Test
    void runningOutOfMemoryIsAdvice() {
        String m = ErrorMessages.of(new OutOfMemoryError("Java heap space"));
        assertTrue(m.startsWith("out of memory") && m.contains("-Xmx") && m.contains("GiB"), m);
        assertFalse(m.contains("OutOfMemoryError"), m);
        assertTrue(ErrorMessages.expected(new OutOfMemoryError()));
        assertFalse(ErrorMessages.expected(new NullPointerException()));
    }
}
