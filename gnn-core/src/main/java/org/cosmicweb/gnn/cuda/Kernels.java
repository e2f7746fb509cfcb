package org.cosmicweb.gnn.cuda;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetErrorString;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;

/**
 * The kernels of gnn_kernels.cu, compiled by NVRTC for the device's own architecture (sm_90 on
 * H100/H200) when the backend starts, and launched through the driver API. Arguments are written
 * into fixed native slots, so a launch allocates nothing. Not thread-safe: one training step at a time.
 */
final class Kernels {
    static final int BLOCK = 256;
    private static final int MAX_ARGS = 24;
    private static final long MAX_GRID = 1L << 20;
    private final CUmod_st module = new CUmod_st();
    private final Map<String, CUfunc_st> functions = new HashMap<>();
    private final LongPointer[] slots = new LongPointer[MAX_ARGS];
    private final IntPointer[] intSlots = new IntPointer[MAX_ARGS];
    private final FloatPointer[] floatSlots = new FloatPointer[MAX_ARGS];
    private final DoublePointer[] doubleSlots = new DoublePointer[MAX_ARGS];
    private final PointerPointer<LongPointer> args = new PointerPointer<>(MAX_ARGS);
    /** Compiled images by architecture and hidden width: NVRTC runs once per shape and process. */
    private static final Map<String, byte[]> IMAGES = new HashMap<>();

    /** The model's hidden width and node and edge feature counts are compiled into the kernels. */
    Kernels(int hidden, int nodeDim, int edgeDim) {
        Cuda.require();
        Cuda.check(cudaFree(null), "creating the CUDA context");
        String arch = "sm_" + Cuda.computeCapability();
        byte[] cubin;
        synchronized (IMAGES) {
            String[] defines = {"-DHID=" + hidden, "-DND=" + nodeDim, "-DED=" + edgeDim};
            cubin = IMAGES.computeIfAbsent(arch + String.join("", defines), k -> compile(source(), arch, defines));
        }
        BytePointer image = new BytePointer(cubin);
        Cuda.checkDriver(cuModuleLoadData(module, image), "loading the kernels compiled for " + arch);
        for (int i = 0; i < MAX_ARGS; i++) {
            slots[i] = new LongPointer(1);
            intSlots[i] = new IntPointer(slots[i]);
            floatSlots[i] = new FloatPointer(slots[i]);
            doubleSlots[i] = new DoublePointer(slots[i]);
            args.put(i, slots[i]);
        }
    }

    private static String source() {
        try (InputStream in = Kernels.class.getResourceAsStream("gnn_kernels.cu")) {
            if (in == null) {
                throw new CudaException("gnn_kernels.cu is missing from the gnn-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CudaException("cannot read gnn_kernels.cu from the gnn-core jar", e);
        }
    }

    private static byte[] compile(String src, String arch, String[] defines) {
        _nvrtcProgram prog = new _nvrtcProgram();
        checkNvrtc(nvrtcCreateProgram(prog, new BytePointer(src), new BytePointer("gnn_kernels.cu"), 0,
                (PointerPointer<?>) null, (PointerPointer<?>) null), "nvrtcCreateProgram");
        try {
            PointerPointer<BytePointer> opts = new PointerPointer<>("--gpu-architecture=" + arch, "--std=c++17",
                    defines[0], defines[1], defines[2]);
            int err = nvrtcCompileProgram(prog, 5, opts);
            if (err != 0) {
                SizeTPointer size = new SizeTPointer(1);
                nvrtcGetProgramLogSize(prog, size);
                BytePointer log = new BytePointer(size.get());
                nvrtcGetProgramLog(prog, log);
                throw new CudaException("NVRTC could not compile gnn_kernels.cu for " + arch + " "
                        + String.join(" ", defines) + ": " + log.getString());
            }
            SizeTPointer size = new SizeTPointer(1);
            checkNvrtc(nvrtcGetCUBINSize(prog, size), "nvrtcGetCUBINSize");
            byte[] cubin = new byte[(int) size.get()];
            checkNvrtc(nvrtcGetCUBIN(prog, cubin), "nvrtcGetCUBIN");
            return cubin;
        } finally {
            nvrtcDestroyProgram(prog);
        }
    }

    private static void checkNvrtc(int err, String what) {
        if (err != 0) {
            throw new CudaException(what + " failed: " + nvrtcGetErrorString(err).getString());
        }
    }

    private CUfunc_st function(String name) {
        return functions.computeIfAbsent(name, n -> {
            CUfunc_st f = new CUfunc_st();
            Cuda.checkDriver(cuModuleGetFunction(f, module, n), "finding kernel " + n);
            return f;
        });
    }

    /** Blocks per head for a two-stage column reduction over {@code rows} rows (64 rows or more each). */
    static int rowBlocks(long rows) {
        return (int) Math.max(1, Math.min(1024, (rows + 63) / 64));
    }

    /** Grid for a grid-stride loop over {@code total} items. */
    static int grid(long total) {
        return (int) Math.max(1, Math.min(MAX_GRID, (total + BLOCK - 1) / BLOCK));
    }

    /**
     * Launches {@code name} on the default stream. Arguments: Long (device address or 64-bit
     * integer), Integer, Float or Double, in the kernel's parameter order.
     */
    void launch(String name, int gridX, int gridY, int sharedBytes, Object... a) {
        if (a.length > MAX_ARGS) {
            throw new IllegalArgumentException(name + ": too many arguments");
        }
        for (int i = 0; i < a.length; i++) {
            Object v = a[i];
            if (v instanceof Long l) {
                slots[i].put(0, l);
            } else if (v instanceof Integer n) {
                intSlots[i].put(0, n);
            } else if (v instanceof Float f) {
                floatSlots[i].put(0, f);
            } else if (v instanceof Double d) {
                doubleSlots[i].put(0, d);
            } else {
                throw new IllegalArgumentException(name + ": unsupported argument " + v);
            }
        }
        long t0 = Profile.start();
        Cuda.checkDriver(cuLaunchKernel(function(name), gridX, gridY, 1, BLOCK, 1, 1, sharedBytes, (CUstream_st) null,
                args, (PointerPointer<?>) null), "launching " + name);
        Profile.stop(name, t0);
    }

    /**
     * grad[u · stride + off + j] += Σ_b partial[u, b, c0 + j] for j &lt; w, over partial rows of
     * {@code pw} values from {@code blocks} blocks per head (the second stage of every column sum).
     */
    void reducePartials(DeviceArray partial, int blocks, int pw, int c0, int w, int heads, long grad, long stride,
                        long off) {
        each("reduce_partials", (long) heads * w, partial.address(), blocks, pw, c0, w, heads, grad, stride, off);
    }

    /** Grid-stride launch over {@code total} items. */
    void each(String name, long total, Object... a) {
        launch(name, grid(total), 1, 0, a);
    }
}
