package org.cosmicweb.gnn.cuda;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMemcpy;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaMemset;

/**
 * A block of GPU memory holding 4- or 8-byte elements, addressed by element index. Freed by
 * {@link #close()}; nothing here is managed memory.
 */
public final class DeviceArray implements AutoCloseable {
    private final Pointer base;
    final long length;
    final int elementBytes;
    private boolean closed;

    private DeviceArray(long length, int elementBytes) {
        this.length = length;
        this.elementBytes = elementBytes;
        PointerPointer<Pointer> out = new PointerPointer<>(1);
        long bytes = Math.max(1, length) * elementBytes;
        int err = cudaMalloc(out, bytes);
        if (err != 0) {
            throw new CudaException("cudaMalloc of " + (bytes >> 20) + " MiB failed: " + Cuda.errorString(err));
        }
        base = out.get(0);
    }

    static DeviceArray floats(long length) {
        return new DeviceArray(length, 4);
    }

    static DeviceArray ints(long length) {
        return new DeviceArray(length, 4);
    }

    static DeviceArray doubles(long length) {
        return new DeviceArray(length, 8);
    }

    static DeviceArray bytes(long length) {
        return new DeviceArray(length, 1);
    }

    static DeviceArray of(float[] a) {
        DeviceArray d = floats(a.length);
        d.upload(a);
        return d;
    }

    static DeviceArray of(int[] a) {
        DeviceArray d = ints(a.length);
        if (a.length > 0) {
            Cuda.check(cudaMemcpy(d.base, new IntPointer(a), 4L * a.length, cudaMemcpyHostToDevice), "cudaMemcpy");
        }
        return d;
    }

    static DeviceArray of(byte[] a) {
        DeviceArray d = bytes(a.length);
        if (a.length > 0) {
            Cuda.check(cudaMemcpy(d.base, new org.bytedeco.javacpp.BytePointer(a), a.length, cudaMemcpyHostToDevice),
                    "cudaMemcpy");
        }
        return d;
    }

    /** Device address of element i. */
    long at(long i) {
        return base.address() + i * elementBytes;
    }

    long address() {
        return base.address();
    }

    static FloatPointer floatPointer(long deviceAddress) {
        // (inside the anonymous class a plain "address" would name the inherited field, not the argument)
        return new FloatPointer() {
            {
                address = deviceAddress;
            }
        };
    }

    static Pointer pointer(long deviceAddress) {
        return new Pointer() {
            {
                address = deviceAddress;
            }
        };
    }

    void upload(float[] a) {
        upload(a, 0, a.length);
    }

    /** Copies a[0..n) to elements start..start+n. */
    void upload(float[] a, long start, int n) {
        if (n > 0) {
            FloatPointer h = new FloatPointer(a);
            Cuda.check(cudaMemcpy(pointer(at(start)), h, 4L * n, cudaMemcpyHostToDevice), "cudaMemcpy to the GPU");
            h.close();
        }
    }

    float[] downloadFloats(long start, int n) {
        float[] a = new float[n];
        if (n > 0) {
            FloatPointer h = new FloatPointer(n);
            Cuda.check(cudaMemcpy(h, pointer(at(start)), 4L * n, cudaMemcpyDeviceToHost), "cudaMemcpy from the GPU");
            h.get(a);
            h.close();
        }
        return a;
    }

    double[] downloadDoubles(int n) {
        double[] a = new double[n];
        if (n > 0) {
            DoublePointer h = new DoublePointer(n);
            Cuda.check(cudaMemcpy(h, base, 8L * n, cudaMemcpyDeviceToHost), "cudaMemcpy from the GPU");
            h.get(a);
            h.close();
        }
        return a;
    }

    void zero() {
        Cuda.check(cudaMemset(base, 0, Math.max(1, length) * elementBytes), "cudaMemset");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cudaFree(base);
        }
    }
}
