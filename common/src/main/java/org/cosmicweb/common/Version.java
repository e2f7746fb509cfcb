package org.cosmicweb.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The software version, as Maven built it ({@code version.properties}, filled in from the POM), so
 * that every module writes the same string into its outputs (model files, manifests, markers).
 */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    /** e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    /** e.g. {@code cosmicweb 0.1.0-SNAPSHOT}: what outputs record as the software that wrote them. */
    public static String software() {
        return "cosmicweb " + VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "").trim();
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: an unfiltered build (an IDE) still says which line of development it is
        }
        return "dev";
    }
}
