package org.cosmicweb.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    @Test
    void textIsEscapedAndNumbersThatJsonCannotHoldBecomeNull() {
        ObjectNode o = Json.object();
        o.put("path", "C:\\runs\\\"a\"\n");
        Json.put(o, "nan", Double.NaN);
        Json.put(o, "inf", Double.POSITIVE_INFINITY);
        Json.put(o, "rmse", 0.123456789, 4);
        assertEquals("{\"path\":\"C:\\\\runs\\\\\\\"a\\\"\\n\",\"nan\":null,\"inf\":null,\"rmse\":0.1235}", Json.line(o));
        assertEquals(o, Json.parse(Json.pretty(o), "test"));
    }

    @Test
    void trailingTextAndDuplicateKeysAreErrorsNamingLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"epochs\": 4} junk", "config file c.json"));
        assertTrue(e.getMessage().startsWith("config file c.json is not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1,\n \"a\": 2}", "c"));
        assertTrue(e.getMessage().contains("Duplicate field 'a'") && e.getMessage().contains("line 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Json.parse("", "c"));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        for (String bad : new String[] {"{", "{\"a\": }", "[1,,2]"}) {
            String m = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad, "c")).getMessage();
            assertFalse(m.contains("Exception") || m.contains("null"), m);
        }
    }
}
