package org.cosmicweb.common;

/**
 * An output the program refuses to write, or could not write: it exists and this program did not
 * write it, it lies in an input, another run holds it, its folder is not writable. The message
 * names the option, the path and what to do.
 */
public class OutputException extends RuntimeException {
    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
