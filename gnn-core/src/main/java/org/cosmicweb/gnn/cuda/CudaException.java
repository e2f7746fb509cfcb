package org.cosmicweb.gnn.cuda;

/** A CUDA, cuBLAS or NVRTC call failed, or the GPU backend cannot run here; the message says which and why. */
public final class CudaException extends RuntimeException {
    public CudaException(String message) {
        super(message);
    }

    public CudaException(String message, Throwable cause) {
        super(message, cause);
    }
}
