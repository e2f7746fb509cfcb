package org.cosmicweb.common;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * An I/O failure in words for a person. Java's file exceptions often carry only a path as their
 * message ({@code AccessDeniedException: /data/out}) and say what went wrong by their class name;
 * this says it in words and names the path.
 */
public final class IoErrors {
    private IoErrors() {
    }

    public static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            String file = f.getFile();
            String where = file == null ? "" : " (" + file + (f.getOtherFile() == null ? "" : ", " + f.getOtherFile())
                    + ")";
            String reason = f.getReason();
            if (e instanceof AccessDeniedException) {
                return "permission denied" + where;
            }
            if (e instanceof NoSuchFileException) {
                return "no such file or folder" + where;
            }
            if (e instanceof FileAlreadyExistsException) {
                return "already exists" + where;
            }
            if (e instanceof NotDirectoryException) {
                return "not a folder" + where;
            }
            if (e instanceof DirectoryNotEmptyException) {
                return "folder not empty" + where;
            }
            if (reason != null && !reason.isBlank()) {
                return lower(reason) + where;
            }
            return "file system error" + where;
        }
        String msg = e.getMessage();
        if (e instanceof java.io.EOFException) {
            // Its message, where it has one, is the stream's ("Unexpected end of ZLIB input stream"), not a person's.
            return "the file ends early (truncated?)";
        }
        if (e instanceof java.util.zip.ZipException) {
            return "its compressed data is damaged (" + (msg == null ? "bad deflate data" : lower(msg))
                    + "; a truncated or corrupted copy?)";
        }
        if (msg == null || msg.isBlank()) {
            return "input/output error";
        }
        return msg;
    }

    /** An unchecked exception for {@code e}, saying what was being done. */
    public static java.io.UncheckedIOException unchecked(String doing, IOException e) {
        return new java.io.UncheckedIOException(doing + ": " + describe(e), e);
    }

    /** Read-only file systems report themselves by type, without message. */
    public static String describe(ReadOnlyFileSystemException e) {
        return "read-only file system";
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Why {@code file}, which is not a regular file, cannot be read as the {@code what} a command
     * expects: "missing table t.csv", or "table runs/ is a folder, not a file".
     */
    public static String notAFile(java.nio.file.Path file, String what) {
        return java.nio.file.Files.isDirectory(file) ? what + " " + file + " is a folder, not a file"
                : "missing " + what + " " + file;
    }
}
