package org.cosmicweb.simulations;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checked reads of datasets and attributes from one open HDF5 file. Every failure is a
 * {@link CatalogException} naming the file and the field and what was expected.
 */
public final class Hdf5Fields implements AutoCloseable {
    private final Path path;
    private final HdfFile file;

    private Hdf5Fields(Path path, HdfFile file) {
        this.path = path;
        this.file = file;
    }

    public static Hdf5Fields open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new CatalogException("missing file " + path);
        }
        checkNotTruncated(path);
        try {
            return new Hdf5Fields(path, new HdfFile(path));
        } catch (RuntimeException e) {
            throw new CatalogException("not a readable HDF5 file: " + path + " (" + reason(e) + ")", e);
        }
    }

    /**
     * A file shorter than the end-of-file address its HDF5 superblock records was cut short (an
     * interrupted copy or download): said as such, before any dataset of it is read and reported
     * missing or malformed. Public for the other readers of HDF5 files this program writes.
     */
    public static void checkNotTruncated(Path path) {
        long size;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            size = ch.size();
            Superblock sb = null;
            // The superblock sits at 0 or, after a user block, at 512, 1024, 2048, ...
            for (long at = 0; at < size && sb == null; at = at == 0 ? 512 : 2 * at) {
                try {
                    sb = Superblock.readSuperblock(ch, at);
                } catch (RuntimeException e) {
                    sb = null;
                }
            }
            if (sb == null) {
                throw new CatalogException("not a readable HDF5 file: " + path + " (" + size + " bytes, no HDF5 signature"
                        + (size < 64 ? "; the file is cut short or empty)" : ")"));
            }
            long eof = sb.getEndOfFileAddress();
            if (eof > 0 && eof != -1 && size < sb.getBaseAddressByte() + eof) {
                throw new CatalogException("truncated file: " + path + " holds " + size + " bytes but its HDF5 header"
                        + " says it ends at byte " + (sb.getBaseAddressByte() + eof) + " (an interrupted copy or"
                        + " download?); copy it again");
            }
        } catch (IOException e) {
            throw new CatalogException("cannot read " + path + ": " + org.cosmicweb.common.IoErrors.describe(e), e);
        }
    }

    /** A jhdf failure's reason in words: its message, never only its class name. */
    static String reason(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "damaged or unsupported HDF5 content" : m;
    }

    public Path path() {
        return path;
    }

    private Dataset dataset(String field, String expected) {
        Node node;
        try {
            node = file.getByPath(field);
        } catch (HdfInvalidPathException e) {
            throw CatalogException.at(path, field, "missing (expected " + expected + ")");
        } catch (RuntimeException e) {
            throw CatalogException.at(path, field, "cannot be read (" + reason(e) + "; is the file damaged?)");
        }
        if (!(node instanceof Dataset ds)) {
            throw CatalogException.at(path, field, "is a group, expected a dataset " + expected);
        }
        return ds;
    }

    /** A dataset's values; a failure inside jhdf (damaged content) is an error naming the field. */
    private Object flat(Dataset ds, String field) {
        try {
            return ds.getDataFlat();
        } catch (RuntimeException e) {
            throw CatalogException.at(path, field, "cannot be read (" + reason(e) + "; is the file damaged?)");
        }
    }

    private static String shape(int rows, int cols) {
        return cols == 1 ? "[" + rows + "]" : "[" + rows + "," + cols + "]";
    }

    private void checkShape(Dataset ds, String field, String type, int rows, int cols) {
        int[] dims = ds.getDimensions();
        boolean ok = cols == 1
                ? dims.length == 1 && dims[0] == rows
                : dims.length == 2 && dims[0] == rows && dims[1] == cols;
        if (!ok) {
            throw CatalogException.at(path, field, "has shape " + java.util.Arrays.toString(dims)
                    + ", expected " + type + shape(rows, cols));
        }
    }

    /**
     * Reads column {@code col} of a float dataset with shape [rows, cols] (or [rows] when cols is 1),
     * rejecting NaN and infinities.
     */
    public float[] floatColumn(String field, int rows, int cols, int col) {
        float[] flat = floats(field, rows, cols);
        if (cols == 1) {
            return flat;
        }
        float[] out = new float[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = flat[i * cols + col];
        }
        return out;
    }

    /** All values of a float dataset of shape [rows, cols], row-major; NaN and infinities rejected. */
    public float[] floats(String field, int rows, int cols) {
        String type = "float32";
        if (rows == 0) {
            return new float[0];
        }
        Dataset ds = dataset(field, type + shape(rows, cols));
        checkShape(ds, field, type, rows, cols);
        Object data = flat(ds, field);
        float[] out;
        if (data instanceof float[] f) {
            out = f;
        } else if (data instanceof double[] d) {
            out = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
        } else {
            throw CatalogException.at(path, field, "has type " + ds.getJavaType().getSimpleName()
                    + ", expected " + type + shape(rows, cols));
        }
        for (int i = 0; i < out.length; i++) {
            if (!Float.isFinite(out[i])) {
                throw CatalogException.at(path, field, "holds " + out[i] + " at row " + (i / cols)
                        + " (expected finite " + type + " values)");
            }
        }
        return out;
    }

    /** Column of an integer dataset; unsigned 32-bit values above 2^31-1 (e.g. 4294967295) read as -1. */
    public int[] intColumn(String field, int rows, int cols, int col) {
        String type = "int32";
        if (rows == 0) {
            return new int[0];
        }
        Dataset ds = dataset(field, type + shape(rows, cols));
        checkShape(ds, field, type, rows, cols);
        Object data = flat(ds, field);
        if (!data.getClass().isArray() || data instanceof float[] || data instanceof double[]
                || data instanceof boolean[]) {
            throw CatalogException.at(path, field, "has type " + ds.getJavaType().getSimpleName()
                    + ", expected an integer type such as " + type + shape(rows, cols));
        }
        int[] out = new int[rows];
        if (data instanceof int[] ints) {
            // int32, TNG's usual type: no unsigned values to map, no boxing per element.
            for (int i = 0; i < rows; i++) {
                out[i] = ints[i * cols + col];
            }
            return out;
        }
        for (int i = 0; i < rows; i++) {
            long v = ((Number) Array.get(data, i * cols + col)).longValue();
            out[i] = v > Integer.MAX_VALUE ? -1 : (int) v;
        }
        return out;
    }

    /** All values of an integer dataset of shape [rows], as long. */
    public long[] longs(String field, int rows) {
        if (rows == 0) {
            return new long[0];
        }
        Dataset ds = dataset(field, "int64[" + rows + "]");
        checkShape(ds, field, "int64", rows, 1);
        Object data = flat(ds, field);
        if (data instanceof float[] || data instanceof double[] || !data.getClass().isArray()) {
            throw CatalogException.at(path, field, "has type " + ds.getJavaType().getSimpleName()
                    + ", expected an integer type");
        }
        long[] out = new long[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = ((Number) Array.get(data, i)).longValue();
        }
        return out;
    }

    /** Length of a one-dimensional dataset. */
    public int length(String field) {
        Dataset ds = dataset(field, "a one-dimensional array");
        int[] dims = ds.getDimensions();
        if (dims.length != 1) {
            throw CatalogException.at(path, field, "has shape " + java.util.Arrays.toString(dims)
                    + ", expected a one-dimensional array");
        }
        return dims[0];
    }

    /** A numeric attribute of a group, scalar or a one-element array. */
    public double number(String group, String name) {
        String where = group + "/" + name;
        Attribute attr;
        try {
            Node node = file.getByPath(group);
            attr = node.getAttribute(name);
        } catch (HdfException e) {
            throw CatalogException.at(path, where, "missing (expected a numeric attribute)");
        }
        if (attr == null) {
            throw CatalogException.at(path, where, "missing (expected a numeric attribute)");
        }
        Object v = attr.getData();
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
            v = Array.get(v, 0);
        }
        if (!(v instanceof Number n)) {
            throw CatalogException.at(path, where, "is not a number (expected a numeric attribute)");
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw CatalogException.at(path, where, "is " + d + " (expected a finite number)");
        }
        return d;
    }

    /** Whether the file holds a dataset (or group) at {@code field}. */
    public boolean has(String field) {
        try {
            return file.getByPath(field) != null;
        } catch (HdfException e) {
            return false;
        }
    }

    /** Whether {@code group} exists and carries the attribute {@code name}. */
    public boolean hasAttribute(String group, String name) {
        try {
            Node node = file.getByPath(group);
            return node != null && node.getAttribute(name) != null;
        } catch (HdfException e) {
            return false;
        }
    }

    /** A non-negative integer attribute. */
    public int count(String group, String name) {
        double d = number(group, name);
        if (d < 0 || d != Math.rint(d) || d > Integer.MAX_VALUE) {
            throw CatalogException.at(path, group + "/" + name, "is " + d + " (expected a count >= 0)");
        }
        return (int) d;
    }

    @Override
    public void close() {
        file.close();
    }
}
