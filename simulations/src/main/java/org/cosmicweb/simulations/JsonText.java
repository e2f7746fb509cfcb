package org.cosmicweb.simulations;

/** The one place where text goes into the JSON lines and files the tools print. */
public final class JsonText {
    private JsonText() {
    }

    /** {@code s} as a JSON string literal, quotes included: backslash, quote and control characters escaped. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
