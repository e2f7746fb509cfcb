package org.cosmicweb.simulations;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

import java.lang.reflect.Array;
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
        try {
            return new Hdf5Fields(path, new HdfFile(path));
        } catch (HdfException | IllegalArgumentException e) {
            throw new CatalogException("not a readable HDF5 file: " + path + " (" + e.getMessage() + ")", e);
        }
    }

    public Path path() {
        return path;
    }

    private Dataset dataset(String field, String expected) {
        Node node;
        try {
            node = file.getByPath(field);
        } catch (HdfException e) {
            throw CatalogException.at(path, field, "missing (expected " + expected + ")");
        }
        if (!(node instanceof Dataset ds)) {
            throw CatalogException.at(path, field, "is a group, expected a dataset " + expected);
        }
        return ds;
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
        Object data = ds.getDataFlat();
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
        Object data = ds.getDataFlat();
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
        Object data = ds.getDataFlat();
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
