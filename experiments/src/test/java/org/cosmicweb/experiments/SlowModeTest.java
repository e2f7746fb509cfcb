package org.cosmicweb.experiments;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The slow-mode note: by the allocation the trainer measured, for the fast CPU engine only. */
class SlowModeTest {
    @Test
    void onlyTheCpuEngineAllocatingThousandsOfBytesPerRowIsTold() {
        assertNull(SlowMode.note(300, "cpu"), "the compiled engine on the quick run allocates 150 to 300");
        assertNull(SlowMode.note(Double.NaN, "cpu"), "one epoch, or no counters: nothing to say");
        assertNull(SlowMode.note(12000, "samediff"), "ND4J's engine allocates by design");
        assertNull(SlowMode.note(12000, "cuda"));
        String n = SlowMode.note(12000, "cpu");
        assertNotNull(n);
        assertTrue(n.contains("12000 bytes") && n.contains("the numbers are the same"), n);
    }
}
