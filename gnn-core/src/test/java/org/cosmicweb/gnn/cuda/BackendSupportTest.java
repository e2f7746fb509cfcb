package org.cosmicweb.gnn.cuda;

import org.cosmicweb.gnn.Aggregation;
import org.cosmicweb.gnn.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each backend can train, decided without a GPU, so that commands refuse before any work. */
class BackendSupportTest {
    private static ModelConfig config(Aggregation a, int hidden, int layers) {
        return new ModelConfig(3, 6, 2, hidden, 16, a, layers);
    }

    @ParameterizedTest
    @EnumSource(Aggregation.class)
    void theCpuTrainsEveryArchitecture(Aggregation a) {
        assertSame(Backend.CPU, Backend.CPU.requireSupports(config(a, 512, 3)));
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = "MULTI_ATTENTION", mode = EnumSource.Mode.EXCLUDE)
    void theGpuTrainsOneRoundOfEveryOtherAggregation(Aggregation a) {
        assertSame(Backend.CUDA, Backend.CUDA.requireSupports(config(a, 256, 1)));
    }

    @Test
    void theGpuRefusesTheAttentionNamingItAndTheWayOut() {
        CudaException e = assertThrows(CudaException.class,
                () -> Backend.CUDA.requireSupports(config(Aggregation.MULTI_ATTENTION, 32, 1)));
        assertTrue(e.getMessage().contains("no multi-attention aggregation"), e.getMessage());
        assertTrue(e.getMessage().contains("--aggregation multi or on the CPU (--device cpu)"), e.getMessage());
    }

    @Test
    void theGpuRefusesSeveralRoundsAndWideLayers() {
        assertTrue(assertThrows(CudaException.class, () -> Backend.CUDA.requireSupports(config(Aggregation.MULTI, 32, 2)))
                .getMessage().contains("layers = 2"));
        assertTrue(assertThrows(CudaException.class, () -> Backend.CUDA.requireSupports(config(Aggregation.MULTI, 257, 1)))
                .getMessage().contains("got 257"));
    }
}
