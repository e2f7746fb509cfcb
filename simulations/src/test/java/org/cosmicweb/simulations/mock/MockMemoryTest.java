package org.cosmicweb.simulations.mock;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mock that cannot fit in the heap is refused before any work, with the numbers that say why. */
class MockMemoryTest {
    @Test
    void aBoxTooLargeForTheHeapIsRefusedAndOneThatFitsIsNot() {
        long gib = 1L << 30;
        MockUniverseConfig huge = MockUniverseConfig.defaults(1).withBox(2000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MockUniverse.requireMemory(huge, 12 * gib));
        assertTrue(e.getMessage().startsWith("a 2000 Mpc/h mock has about " + huge.expectedHosts() + " host halos")
                && e.getMessage().contains("this JVM has 12.0 GiB") && e.getMessage().contains("--box-mpch"),
                e.getMessage());
        // Negative controls: the TNG300-size mock the README runs fits in 12 GiB, and no limit means no check.
        assertDoesNotThrow(() -> MockUniverse.requireMemory(MockUniverseConfig.defaults(1).withBox(205), 12 * gib));
        assertDoesNotThrow(() -> MockUniverse.requireMemory(huge, Long.MAX_VALUE));
    }
}
