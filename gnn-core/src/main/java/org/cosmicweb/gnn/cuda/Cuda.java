package org.cosmicweb.gnn.cuda;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

import static org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMajor;
import static org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMinor;
import static org.bytedeco.cuda.global.cudart.cudaDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cudaGetDevice;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaRuntimeGetVersion;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cuGetErrorName;

/**
 * Entry to the GPU backend (JavaCPP's CUDA 13 presets: CUDA runtime, cuBLAS, NVRTC). The Java
 * classes are always on the class path; the JNI libraries come with the Maven profile {@code cuda},
 * and the CUDA 13 libraries themselves (libcudart.so.13, libcublas.so.13, libnvrtc.so.13) from the
 * machine's CUDA installation. {@link #unavailableReason()} says why the backend cannot run, without
 * throwing, so callers can fall back or report it.
 */
public final class Cuda {
    private static String reason;
    private static boolean probed;

    private Cuda() {
    }

    /** Null when a CUDA device can be used, else a sentence saying why not. */
    public static synchronized String unavailableReason() {
        if (!probed) {
            probed = true;
            reason = probe();
        }
        return reason;
    }

    public static boolean available() {
        return unavailableReason() == null;
    }

    /** Throws a {@link CudaException} naming the reason when the backend cannot run. */
    public static void require() {
        String why = unavailableReason();
        if (why != null) {
            throw new CudaException("the CUDA backend cannot run: " + why);
        }
    }

    private static String probe() {
        if (Cuda.class.getResource("/org/bytedeco/cuda/" + Loader.getPlatform() + "/") == null) {
            return "the CUDA JNI libraries for " + Loader.getPlatform()
                    + " are not on the class path (build with: mvn -Pcuda -DskipTests install)";
        }
        try {
            Loader.load(org.bytedeco.cuda.global.cudart.class);
            Loader.load(org.bytedeco.cuda.global.cublas.class);
            Loader.load(org.bytedeco.cuda.global.nvrtc.class);
        } catch (Throwable t) {
            Throwable root = t;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String msg = String.valueOf(root.getMessage());
            if (msg.contains("libcuda.so")) {
                return "no NVIDIA driver on this machine (libcuda.so.1 not found)";
            }
            return "the CUDA 13 libraries could not be loaded (" + msg.replaceAll(".*/lib", "lib")
                    + "); put the directory holding libcudart.so.13, libcublas.so.13 and libnvrtc.so.13 on"
                    + " LD_LIBRARY_PATH";
        }
        int[] n = new int[1];
        int err = cudaGetDeviceCount(n);
        if (err != 0) {
            return "cudaGetDeviceCount failed: " + errorString(err);
        }
        if (n[0] == 0) {
            return "no CUDA device is visible";
        }
        return null;
    }

    static String errorString(int err) {
        BytePointer s = cudaGetErrorString(err);
        return (s == null ? "error" : s.getString()) + " (" + err + ")";
    }

    /** Throws when a CUDA runtime call returned an error. */
    static void check(int err, String what) {
        if (err != 0) {
            throw new CudaException(what + " failed: " + errorString(err));
        }
    }

    /** Throws when a CUDA driver call returned an error. */
    static void checkDriver(int err, String what) {
        if (err != 0) {
            org.bytedeco.javacpp.PointerPointer<BytePointer> name = new org.bytedeco.javacpp.PointerPointer<>(1);
            String s = cuGetErrorName(err, name) == 0 ? new BytePointer(name.get(0)).getString() : "error";
            throw new CudaException(what + " failed: " + s + " (" + err + ")");
        }
    }

    /**
     * Makes GPU {@code ordinal} (as the CUDA runtime numbers the visible devices) the device of the
     * calling thread: the engines built afterwards on this thread allocate, compile and run there.
     * Used where a scheduler hands each task its own GPU (Spark's task resources).
     */
    public static void useDevice(int ordinal) {
        require();
        int[] n = new int[1];
        check(cudaGetDeviceCount(n), "cudaGetDeviceCount");
        if (ordinal < 0 || ordinal >= n[0]) {
            throw new CudaException("GPU " + ordinal + " was asked for, but this machine shows " + n[0]
                    + " CUDA device" + (n[0] == 1 ? "" : "s") + " (ordinals 0.." + (n[0] - 1) + ")");
        }
        check(cudaSetDevice(ordinal), "cudaSetDevice(" + ordinal + ")");
    }

    /** The calling thread's device (0 unless {@link #useDevice} chose another). */
    static int currentDevice() {
        int[] d = new int[1];
        check(cudaGetDevice(d), "cudaGetDevice");
        return d[0];
    }

    /** Compute capability of the calling thread's device as major * 10 + minor, e.g. 90 for H100. */
    static int computeCapability() {
        int device = currentDevice();
        int[] major = new int[1];
        int[] minor = new int[1];
        check(cudaDeviceGetAttribute(major, cudaDevAttrComputeCapabilityMajor, device), "cudaDeviceGetAttribute");
        check(cudaDeviceGetAttribute(minor, cudaDevAttrComputeCapabilityMinor, device), "cudaDeviceGetAttribute");
        return major[0] * 10 + minor[0];
    }

    /** One line naming the device and the runtime, for benchmark output. */
    public static String describe() {
        require();
        org.bytedeco.cuda.cudart.cudaDeviceProp p = new org.bytedeco.cuda.cudart.cudaDeviceProp();
        check(org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties(p, currentDevice()), "cudaGetDeviceProperties");
        int[] rt = new int[1];
        cudaRuntimeGetVersion(rt);
        return p.name().getString() + ", sm_" + computeCapability() + ", " + (p.totalGlobalMem() >> 20)
                + " MiB, CUDA runtime " + rt[0] / 1000 + "." + (rt[0] % 1000) / 10;
    }
}
