package org.cosmicweb.simulations;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest {
    @Test
    void quotesBackslashesQuotesAndControlCharacters() {
        assertEquals("\"/data/tng\"", JsonText.quote("/data/tng"));
        assertEquals("\"C:\\\\runs\\\\\\\"a\\\"\"", JsonText.quote("C:\\runs\\\"a\""));
        assertEquals("\"a\\u000ab\\u0009\"", JsonText.quote("a\nb\t"));
    }
}
