package org.cosmicweb.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cosmicweb.common.IoErrors;
import org.cosmicweb.common.Json;
import org.cosmicweb.simulations.CatalogException;
import org.cosmicweb.simulations.TableColumns;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How the columns of subhalo tables map onto a catalog: a JSON mapping ({@code --columns}, a file or
 * the object itself) and flags that set or override its keys. The keys and units are documented
 * by {@link TableColumns}.
 */
public final class TableOptions {
    /** The options' long names without dashes. */
    static final java.util.Set<String> NAMES = java.util.Set.of("columns", "pos-columns", "pos-unit", "vel-columns",
            "halo-mass", "stellar-mass", "mass-unit", "vmax-column", "central-column", "id-column", "box-size", "box-unit",
            "hubble");

    @Option(names = "--columns", paramLabel = "FILE.json|JSON",
            description = {"Column mapping of --table/--suite tables: a JSON file, or the JSON object itself, with keys"
                    + " position, position_unit, velocity, halo_mass, stellar_mass, mass_unit, vmax, central, id,"
                    + " box_size, box_unit, hubble (e.g. examples/camels-astrid-columns.json). The flags below override"
                    + " its keys."})
    String columns;

    @Option(names = "--pos-columns", split = ",", paramLabel = "X,Y,Z", description = "Position columns (comoving).")
    List<String> position;

    @Option(names = "--pos-unit", paramLabel = "UNIT", description = "Unit of positions: kpc/h, Mpc/h, kpc or Mpc.")
    String positionUnit;

    @Option(names = "--vel-columns", split = ",", paramLabel = "VX,VY,VZ",
            description = "Velocity columns in km/s (without them velocities are 0).")
    List<String> velocity;

    @Option(names = "--halo-mass", paramLabel = "EXPR",
            description = "Dark-matter mass: a column, or columns joined by + and -, e.g. 'Mt - Mg - Mstar - MBH'.")
    String haloMass;

    @Option(names = "--stellar-mass", paramLabel = "EXPR",
            description = "Stellar mass (the target); leave it out for a dark-matter-only table.")
    String stellarMass;

    @Option(names = "--mass-unit", paramLabel = "UNIT",
            description = "Unit of every mass column: Msun, Msun/h, 1e10 Msun, 1e10 Msun/h, log10 Msun, log10 Msun/h.")
    String massUnit;

    @Option(names = "--vmax-column", paramLabel = "NAME", description = "Vmax column, km/s.")
    String vmax;

    @Option(names = "--central-column", paramLabel = "NAME", description = "Central flag column: 1 central, 0 satellite.")
    String central;

    @Option(names = "--id-column", paramLabel = "NAME", description = "Subhalo id column (default: the row number).")
    String id;

    @Option(names = "--box-size", paramLabel = "L", description = "Periodic box side, in --box-unit.")
    Double boxSize;

    @Option(names = "--box-unit", paramLabel = "UNIT", description = "Unit of --box-size (default: --pos-unit).")
    String boxUnit;

    @Option(names = "--hubble", paramLabel = "H", description = "h, for units per h (CAMELS: 0.6711), and H0 = 100 h of"
            + " --projection 2d redshifts (default there: TNG's 0.6774).")
    Double hubble;

    /** Whether any mapping was given. */
    boolean given() {
        return columns != null || position != null || positionUnit != null || velocity != null || haloMass != null
                || stellarMass != null || massUnit != null || vmax != null || central != null || id != null
                || boxSize != null || boxUnit != null || hubble != null;
    }

    /** The mapping, or null when none was given. */
    TableColumns mapping() {
        if (!given()) {
            return null;
        }
        ObjectNode node = Json.object();
        String where = "--columns";
        if (columns != null) {
            String text = columns.strip();
            Path file = columnsFile();
            if (file != null) {
                where = file.toString();
                try {
                    text = Files.readString(file);
                } catch (IOException e) {
                    throw new CatalogException("cannot read the column mapping " + file + ": " + IoErrors.describe(e), e);
                }
            }
            JsonNode n = Json.parse(text, "column mapping " + where);
            if (!n.isObject()) {
                throw new CatalogException("column mapping " + where + " must be one JSON object, got " + n.getNodeType()
                        .name().toLowerCase(java.util.Locale.ROOT));
            }
            node = (ObjectNode) n;
        }
        if (position != null) {
            position.forEach(node.putArray("position")::add);
        }
        if (velocity != null) {
            velocity.forEach(node.putArray("velocity")::add);
        }
        put(node, "position_unit", positionUnit);
        put(node, "halo_mass", haloMass);
        put(node, "stellar_mass", stellarMass);
        put(node, "mass_unit", massUnit);
        put(node, "vmax", vmax);
        put(node, "central", central);
        put(node, "id", id);
        put(node, "box_unit", boxUnit);
        if (boxSize != null) {
            node.put("box_size", boxSize);
        }
        if (hubble != null) {
            node.put("hubble", hubble);
        }
        boolean flags = position != null || positionUnit != null || velocity != null || haloMass != null
                || stellarMass != null || massUnit != null || vmax != null || central != null || id != null
                || boxSize != null || boxUnit != null || hubble != null;
        return TableColumns.fromJson(node, columns == null ? "given by the column flags"
                : flags ? where + " with the column flags" : where);
    }

    /** The file --columns names, or null when it gives the JSON itself (or nothing). */
    Path columnsFile() {
        return columns == null || columns.strip().startsWith("{") ? null : CosmicWebCli.path(columns);
    }

    private static void put(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
