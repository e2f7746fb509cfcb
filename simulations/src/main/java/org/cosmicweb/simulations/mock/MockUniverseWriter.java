package org.cosmicweb.simulations.mock;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.cosmicweb.common.AtomicOutput;
import org.cosmicweb.common.Json;
import org.cosmicweb.simulations.SubhaloMatching;
import org.cosmicweb.simulations.TngCatalogLoader;
import org.cosmicweb.simulations.TngLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a generated mock into the TNG folder layout of {@link TngLayout}: chunked group catalogs
 * for both runs, the matching file, the mock truth file, the generator's terms per dark subhalo
 * ({@link EnvironmentTerms}, beside the truth file) and a sidecar {@code mock_universe.json}.
 * The whole folder is one {@link AtomicOutput}: written beside the target and moved into place only
 * when complete, never over a folder this program did not write (a real TNG download, say).
 */
public final class MockUniverseWriter {
    public static final String SIDECAR = "mock_universe.json";

    private MockUniverseWriter() {
    }

    /**
     * The mock's output folder, checked and locked before the (possibly long) generation.
     *
     * @param replace replace a mock this program wrote there before (simulate --force); a folder it
     *                did not write is never replaced
     */
    public static AtomicOutput.Target target(Path root, boolean replace) {
        return AtomicOutput.Target.folder(root, "mock universe", MockUniverseWriter::isMock).replace(replace);
    }

    /**
     * Whether {@code dir} holds a mock this program wrote, recognised by its sidecar naming the
     * generator (mocks written before output markers carry no marker).
     */
    public static boolean isMock(Path dir) {
        Path sidecar = dir.resolve(SIDECAR);
        if (!Files.isRegularFile(sidecar)) {
            return false;
        }
        try {
            return Json.parse(Files.readString(sidecar), "mock sidecar " + sidecar).path("generator").asText("")
                    .startsWith("cosmicweb MockUniverse");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Opens, writes and closes the mock's folder {@code layout.root()}. */
    public static void write(MockUniverse.Result mock, MockUniverseConfig cfg, TngLayout layout, boolean overwrite) {
        try (AtomicOutput out = AtomicOutput.open(target(layout.root(), overwrite))) {
            write(out, mock, cfg, layout);
        }
    }

    /** Writes the mock into an output opened with {@link #target}. */
    public static void write(AtomicOutput out, MockUniverse.Result mock, MockUniverseConfig cfg, TngLayout layout) {
        out.write(tmp -> {
            TngLayout staged = new TngLayout(tmp, layout.hydroRun(), layout.darkRun(), layout.snapshot());
            GroupCatalogWriter.write(mock.dark(), cfg.chunks(), staged, staged.darkGroups(), null);
            GroupCatalogWriter.write(mock.hydro(), cfg.chunks(), staged, staged.hydroGroups(), mock);
            writeMatching(mock, staged);
            writeTruth(mock, staged);
            Json.write(tmp.resolve(SIDECAR), Json.parse(mock.parametersJson(), "mock parameters"));
        });
    }
    private static void writeMatching(MockUniverse.Result mock, TngLayout layout) throws IOException {
        Files.createDirectories(layout.matchingFile().getParent());
        try (WritableHdfFile f = HdfFile.write(layout.matchingFile())) {
            WritableGroup snap = f.putGroup(layout.matchingGroup());
            snap.putDataset(SubhaloMatching.LHALOTREE, mock.matchLHaloTree());
            snap.putDataset(SubhaloMatching.SUBLINK, mock.matchSubLink());
        }
    }

    private static void writeTruth(MockUniverse.Result mock, TngLayout layout) throws IOException {
        Files.createDirectories(layout.mockTruthFile().getParent());
        try (WritableHdfFile f = HdfFile.write(layout.mockTruthFile())) {
            f.putAttribute("description", "noiseless log10 M* [Msun] of the mock generator, per hydro subhalo");
            f.putAttribute("MockNoiseFloorDex", mock.noiseFloorDex());
            f.putDataset(TngCatalogLoader.TRUTH_FIELD, mock.hydroLogMstarNoiseless());
        }
        mock.environmentTerms().write(EnvironmentTerms.beside(layout.mockTruthFile()));
    }
}
