package org.cosmicweb.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the columns of a subhalo table (CSV with a header) map onto a {@link SubhaloCatalog}, with
 * their units. Written as a JSON object ({@code --columns}); for the processed CAMELS tables:
 * <pre>
 * {"position": ["pos_x", "pos_y", "pos_z"], "position_unit": "kpc/h",
 *  "velocity": ["vel_x", "vel_y", "vel_z"],
 *  "halo_mass": "Mt - Mg - Mstar - MBH", "stellar_mass": "Mstar", "mass_unit": "Msun/h",
 *  "vmax": "Vmax", "central": "is_central", "id": "subhalo_index",
 *  "box_size": 25, "box_unit": "Mpc/h", "hubble": 0.6711}
 * </pre>
 *
 * @param position     x, y, z columns, comoving, in {@code positionUnit}
 * @param velocity     vx, vy, vz columns in km/s, or null (velocities then read as 0, and the
 *                     velocity edge features carry nothing)
 * @param haloMass     the dark-matter mass of the subhalo (node feature, dark-matter cuts)
 * @param stellarMass  the target; null for a dark-matter-only table
 * @param massUnit     unit of every mass column
 * @param vmax         Vmax column, km/s
 * @param central      1 for a central (first subhalo of its group), 0 for a satellite
 * @param id           subhalo id column, or null for the row number (0 for the first data row)
 * @param boxSize      periodic box side in {@code boxUnit}
 * @param hubble       h, needed when a unit is "/h"; NaN otherwise
 */
public record TableColumns(List<String> position, LengthUnit positionUnit, List<String> velocity,
                           MassExpression haloMass, MassExpression stellarMass, MassUnit massUnit, String vmax,
                           String central, String id, double boxSize, LengthUnit boxUnit, double hubble) {
    /** Keys of the JSON form, in the order they are documented. */
    public static final List<String> KEYS = List.of("position", "position_unit", "velocity", "halo_mass", "stellar_mass",
            "mass_unit", "vmax", "central", "id", "box_size", "box_unit", "hubble");

    public TableColumns {
        if (position == null || position.size() != 3) {
            throw new IllegalArgumentException("position must name 3 columns (x, y, z), got " + position);
        }
        position = List.copyOf(position);
        if (velocity != null) {
            if (velocity.size() != 3) {
                throw new IllegalArgumentException("velocity must name 3 columns (vx, vy, vz), got " + velocity);
            }
            velocity = List.copyOf(velocity);
        }
        List<String> axes = new ArrayList<>(position);
        if (velocity != null) {
            axes.addAll(velocity);
        }
        for (int a = 0; a < axes.size(); a++) {
            int first = axes.indexOf(axes.get(a));
            if (first < a) {
                // One column read as two axes would make the graph silently wrong (y a copy of x).
                throw new IllegalArgumentException("position and velocity must name six different columns: '"
                        + axes.get(a) + "' is both " + axisName(first) + " and " + axisName(a));
            }
        }
        if (positionUnit == null || boxUnit == null || massUnit == null || haloMass == null) {
            throw new IllegalArgumentException("position_unit, box_unit, mass_unit and halo_mass must be given");
        }
        if (vmax == null || vmax.isBlank() || central == null || central.isBlank()) {
            throw new IllegalArgumentException("vmax and central must name a column");
        }
        if (!(boxSize > 0) || !Double.isFinite(boxSize)) {
            throw new IllegalArgumentException("box_size must be a positive number, got " + boxSize);
        }
        boolean needsH = positionUnit.perH() || boxUnit.perH() || massUnit.perH();
        if (needsH && Double.isNaN(hubble)) {
            throw new IllegalArgumentException("hubble (h) is missing, and a unit is per h (" + positionUnit.label() + ", "
                    + boxUnit.label() + ", " + massUnit.label() + "): give e.g. \"hubble\": 0.6711 (CAMELS) or 0.6774 (TNG)");
        }
        if (!Double.isNaN(hubble) && !SubhaloCatalog.validHubble(hubble)) {
            throw new IllegalArgumentException("hubble (h) must be in (0, 2], got " + hubble);
        }
        if (massUnit.isLog()) {
            for (MassExpression e : stellarMass == null ? List.of(haloMass) : List.of(haloMass, stellarMass)) {
                if (e.columns().size() != 1 || e.signs()[0] != 1) {
                    throw new IllegalArgumentException("with mass_unit " + massUnit.label() + " a mass must be one column,"
                            + " not '" + e.text() + "' (logarithms do not add)");
                }
            }
        }
    }

    private static String axisName(int k) {
        return (k < 3 ? "position " : "velocity ") + "xyz".charAt(k % 3);
    }

    /** Box side in Mpc. */
    public double boxMpc() {
        return boxUnit.toMpc(boxSize, hubble);
    }

    /** Every column the mapping reads, once each, with what it is used for. */
    public List<String[]> usedColumns() {
        List<String[]> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String[] axes = {"x", "y", "z"};
        for (int a = 0; a < 3; a++) {
            add(out, seen, position.get(a), "position " + axes[a]);
        }
        if (velocity != null) {
            for (int a = 0; a < 3; a++) {
                add(out, seen, velocity.get(a), "velocity " + axes[a]);
            }
        }
        haloMass.columns().forEach(c -> add(out, seen, c, "halo_mass"));
        if (stellarMass != null) {
            stellarMass.columns().forEach(c -> add(out, seen, c, "stellar_mass"));
        }
        add(out, seen, vmax, "vmax");
        add(out, seen, central, "central");
        if (id != null) {
            add(out, seen, id, "id");
        }
        return out;
    }

    private static void add(List<String[]> out, Set<String> seen, String column, String role) {
        if (seen.add(column)) {
            out.add(new String[] {column, role});
        }
    }

    /** Reads a mapping from JSON text; {@code where} (a file name, or "--columns") names it in errors. */
    public static TableColumns fromJson(String json, String where) {
        JsonNode root;
        try {
            root = Json.parse(json, "column mapping " + where);
        } catch (IllegalArgumentException e) {
            throw new CatalogException(e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new CatalogException("column mapping " + where + " must be one JSON object with the keys " + KEYS);
        }
        return fromJson((ObjectNode) root, where);
    }

    /** Reads a mapping from a JSON object, rejecting unknown keys and values of the wrong kind. */
    public static TableColumns fromJson(ObjectNode root, String where) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new CatalogException("column mapping " + where + ": unknown key '" + k + "' (known keys: "
                        + String.join(", ", KEYS) + ")");
            }
        }
        try {
            String posUnit = text(root, "position_unit", where, true);
            String boxUnit = text(root, "box_unit", where, false);
            String stellar = text(root, "stellar_mass", where, false);
            return new TableColumns(names(root, "position", where, true), LengthUnit.parse(posUnit),
                    names(root, "velocity", where, false), MassExpression.parse(text(root, "halo_mass", where, true)),
                    stellar == null ? null : MassExpression.parse(stellar),
                    MassUnit.parse(text(root, "mass_unit", where, true)), text(root, "vmax", where, true),
                    text(root, "central", where, true), text(root, "id", where, false),
                    number(root, "box_size", where, true), LengthUnit.parse(boxUnit == null ? posUnit : boxUnit),
                    root.has("hubble") ? number(root, "hubble", where, true) : Double.NaN);
        } catch (IllegalArgumentException e) {
            throw new CatalogException("column mapping " + where + ": " + e.getMessage());
        }
    }

    private static String text(ObjectNode root, String key, String where, boolean required) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new CatalogException("column mapping " + where + " lacks '" + key + "' (expected " + expected(key)
                        + ")");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new CatalogException("column mapping " + where + ": '" + key + "' is " + v + " (expected "
                    + expected(key) + ")");
        }
        return v.asText();
    }

    private static double number(ObjectNode root, String key, String where, boolean required) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull() || !v.isNumber()) {
            throw new CatalogException("column mapping " + where + (v == null || v.isNull() ? " lacks '" + key + "'"
                    : ": '" + key + "' is " + v) + " (expected " + expected(key) + ")");
        }
        return v.asDouble();
    }

    private static List<String> names(ObjectNode root, String key, String where, boolean required) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new CatalogException("column mapping " + where + " lacks '" + key + "' (expected " + expected(key)
                        + ")");
            }
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> out.add(x.isTextual() ? x.asText() : null));
        }
        if (!v.isArray() || out.size() != 3 || out.contains(null)) {
            throw new CatalogException("column mapping " + where + ": '" + key + "' is " + v + " (expected "
                    + expected(key) + ")");
        }
        return out;
    }

    private static String expected(String key) {
        return switch (key) {
            case "position", "velocity" -> "an array of 3 column names";
            case "position_unit", "box_unit" -> "kpc/h, Mpc/h, kpc or Mpc";
            case "mass_unit" -> "Msun, Msun/h, 1e10 Msun, 1e10 Msun/h, log10 Msun or log10 Msun/h";
            case "halo_mass", "stellar_mass" -> "column names joined by + or -, e.g. \"Mt - Mg - Mstar - MBH\"";
            case "box_size" -> "the box side as a number, in box_unit";
            case "hubble" -> "h as a number, e.g. 0.6711";
            default -> "a column name";
        };
    }

    /** The mapping as JSON, for manifests. */
    public String toJson() {
        ObjectNode n = Json.object();
        position.forEach(n.putArray("position")::add);
        n.put("position_unit", positionUnit.label());
        if (velocity != null) {
            velocity.forEach(n.putArray("velocity")::add);
        }
        n.put("halo_mass", haloMass.text());
        if (stellarMass != null) {
            n.put("stellar_mass", stellarMass.text());
        }
        n.put("mass_unit", massUnit.label());
        n.put("vmax", vmax);
        n.put("central", central);
        if (id != null) {
            n.put("id", id);
        }
        n.put("box_size", boxSize);
        n.put("box_unit", boxUnit.label());
        if (!Double.isNaN(hubble)) {
            n.put("hubble", hubble);
        }
        return Json.line(n);
    }
}
