package org.cosmicweb.simulations;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SubhaloMatchingTest {
    @Test
    void keepsOnlyAgreeingMatchesOncePerDarkTwin() {
        int[] lhalo =   {0, 1, -1, 3, 4, 4, 2};
        int[] sublink = {0, 2,  5, 3, 4, 4, -1};
        SubhaloMatching.Match m = SubhaloMatching.join(lhalo, sublink, 6);
        // 0 agrees; 1 disagrees; 2 has -1; 3 agrees; 4 agrees; 5 duplicates dark 4; 6 has -1.
        assertArrayEquals(new int[] {0, -1, -1, 3, 4, -1, -1}, m.hydroToDark());
        assertEquals(4, m.agreeing());
        assertEquals(1, m.disagreeing());
        assertEquals(2, m.unmatched());
        assertEquals(1, m.duplicates());
        assertEquals(3, m.matched());
    }
}
