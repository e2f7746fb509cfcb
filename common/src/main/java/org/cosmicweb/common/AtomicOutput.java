package org.cosmicweb.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The one way this program writes an output, a single file or a whole folder: into a temporary
 * sibling, flushed to disk, then moved into place in one rename, so a reader never sees half an
 * output and a failure leaves the previous output as it was.
 *
 * <p>It never destroys what the program did not write, the way {@code git} refuses to clobber
 * untracked files. {@link #open} refuses, before any work is done:
 * <ul>
 *   <li>an existing output this program did not write: a folder without the marker
 *       {@value #MARKER} (or, for folders written before markers, the output's own signature), a
 *       file that is not the kind this output writes (each writer recognises its own kind);</li>
 *   <li>a folder this program wrote as another kind of output (its marker names what it holds:
 *       a run never replaces a mock universe, nor the reverse);</li>
 *   <li>a folder of its kind that holds files this program did not put there, or files of its own
 *       changed since (the marker lists the files written with their sizes and CRC-32C checksums, so
 *       an edit is found however soon it came and a copied folder is not mistaken for edited; markers
 *       from before checksums: a file changed after the marker); the file system's own litter (.DS_Store, Thumbs.db,
 *       ._*, .nfs*) is not counted;</li>
 *   <li>an output equal to an input, inside an input folder, or a folder output holding an input
 *       (replacing it would delete the input);</li>
 *   <li>an output of its own kind where the command does not replace (e.g. {@code simulate}
 *       without {@code --force});</li>
 *   <li>an output another run is writing: a lock file {@code .NAME.lock} beside the output is held
 *       from {@link #open} to {@link #close}, so a second run on the same output fails at once;</li>
 *   <li>an output whose folder cannot be written: found now, not after hours of training.</li>
 * </ul>
 * While it holds the lock it removes the temporary and old siblings ({@code .NAME.tmp-*},
 * {@code .NAME.old-*}) that a killed run of its own left behind. Outputs get the permissions the
 * user's umask gives, as any new file does.
 *
 * <p>Usage: open it first, do the expensive work, then {@link #write}; close it (try-with-resources).
 */
public final class AtomicOutput implements AutoCloseable {
    /** Marker file inside every folder this program writes. */
    public static final String MARKER = ".cosmicweb-output.json";

    /** Writes the output's content at {@code path} (a file to create, or an empty folder to fill). */
    @FunctionalInterface
    public interface Writer {
        void write(Path path) throws IOException;
    }

    /** An input of the command, named by the option that gave it (for messages). */
    public record Input(String option, Path path) {
        public Input {
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * What to write.
     *
     * @param path     where the output goes
     * @param what     what it is, for messages ("model file", "experiment run folder")
     * @param option   the option that named it, for messages ("--out")
     * @param folder   a folder (true) or a single file
     * @param earlier  recognises an earlier output of this kind that this program wrote (for a
     *                 folder, one written before markers existed: its marker is always accepted)
     * @param replace  whether an earlier output of this kind is replaced (false: refused, so the
     *                 command can ask for --force)
     * @param inputs   what the command reads: the output may not be, lie in, or hold any of them
     */
    public record Target(Path path, String what, String option, boolean folder, Predicate<Path> earlier,
                         boolean replace, List<Input> inputs) {
        public Target {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(option, "option");
            earlier = earlier == null ? p -> false : earlier;
            inputs = List.copyOf(inputs);
        }

        /** A single file, replaced when {@code earlier} recognises the existing one as of its kind. */
        public static Target file(Path path, String what, Predicate<Path> earlier) {
            return new Target(path, what, "--out", false, earlier, true, List.of());
        }

        /** A folder; {@code legacy} recognises folders of this kind written before markers (may be null). */
        public static Target folder(Path path, String what, Predicate<Path> legacy) {
            return new Target(path, what, "--out", true, legacy, true, List.of());
        }

        public Target option(String o) {
            return new Target(path, what, o, folder, earlier, replace, inputs);
        }

        public Target replace(boolean r) {
            return new Target(path, what, option, folder, earlier, r, inputs);
        }

        public Target inputs(List<Input> in) {
            return new Target(path, what, option, folder, earlier, replace, in);
        }
    }

    private final Target target;
    private final Path abs;
    private final Path lockFile;
    private FileChannel lockChannel;
    private FileLock lock;
    private boolean written;

    private AtomicOutput(Target target, Path abs) {
        this.target = target;
        this.abs = abs;
        this.lockFile = abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /** Checks the target, creates its folder, takes its lock and clears stale siblings; see the class comment. */
    public static AtomicOutput open(Target target) {
        Path abs;
        try {
            abs = target.path().toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new OutputException(target.option() + " " + target.path() + ": not a usable path (" + e.getReason()
                    + ")");
        }
        if (abs.getParent() == null || abs.getFileName() == null) {
            throw new OutputException(target.option() + " " + target.path() + ": the root folder cannot be an output");
        }
        AtomicOutput out = new AtomicOutput(target, abs);
        out.checkInputs();
        out.checkExisting();
        out.lock();
        try {
            out.removeStale();
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** Opens, writes and closes: for outputs written right away. */
    public static void write(Target target, Writer writer) {
        try (AtomicOutput out = open(target)) {
            out.write(writer);
        }
    }

    /** The output's absolute path. */
    public Path path() {
        return abs;
    }

    public Target target() {
        return target;
    }

    private String name() {
        return target.option() + " " + target.path();
    }

    private void checkInputs() {
        Path out = resolved(abs);
        for (Input in : target.inputs()) {
            Path p = resolved(in.path().toAbsolutePath().normalize());
            String input = "the input " + in.option() + " " + in.path();
            if (out.equals(p)) {
                throw new OutputException(name() + " is " + input + ": writing there would destroy it; choose another "
                        + target.option());
            }
            if (out.startsWith(p) && Files.isDirectory(p)) {
                throw new OutputException(name() + " lies inside " + input + ": an output is never written into an"
                        + " input; choose a " + target.option() + " outside " + in.path());
            }
            if (p.startsWith(out)) {
                throw new OutputException(input + " lies inside " + name() + ", which this run would replace; choose a "
                        + target.option() + " that does not hold it");
            }
        }
    }

    /** The path with every existing prefix resolved through links, the rest appended. */
    private static Path resolved(Path p) {
        Path existing = p;
        List<Path> rest = new ArrayList<>();
        while (existing != null && !Files.exists(existing)) {
            rest.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            Path r = existing.toRealPath();
            for (Path q : rest) {
                r = r.resolve(q);
            }
            return r;
        } catch (IOException e) {
            return p;
        }
    }

    /** Whether a folder carries this program's marker. */
    public static boolean hasMarker(Path folder) {
        return markerOf(folder) != null;
    }

    /** The folder's marker when it is this program's, else null. */
    private static JsonNode markerOf(Path folder) {
        Path m = folder.resolve(MARKER);
        if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            JsonNode n = Json.parse(Files.readString(m), "marker " + m);
            return n.path("written_by").asText("").startsWith("cosmicweb") ? n : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * What in an output folder this program did not write: paths (relative, '/'-separated) missing
     * from the marker's list of files (older markers have no list), and files whose bytes differ from
     * the marker's checksums (for markers written before checksums: files changed more than 2 s after
     * the marker, which is written after the files); a folder reported stands for everything below it.
     * The file system's own litter is left out.
     */
    static List<String> foreignFiles(Path folder, JsonNode marker) throws IOException {
        java.util.Set<String> ours = new java.util.HashSet<>();
        boolean listed = marker != null && marker.path("files").isArray();
        if (listed) {
            for (JsonNode f : marker.path("files")) {
                String rel = f.asText();
                ours.add(rel);
                for (int k = rel.indexOf('/'); k >= 0; k = rel.indexOf('/', k + 1)) {
                    ours.add(rel.substring(0, k));
                }
            }
        }
        java.nio.file.attribute.FileTime markerTime = marker == null ? null
                : Files.getLastModifiedTime(folder.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
        // Markers with checksums compare contents; older ones, times (a file changed after the marker).
        JsonNode sums = marker != null && marker.path("checksums").isObject() ? marker.path("checksums") : null;
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.skip(1).toList()) {
                String rel = relative(folder, p);
                if (rel.equals(MARKER) || foreign.stream().anyMatch(f -> rel.startsWith(f + "/"))) {
                    continue;
                }
                if (isLitter(p.getFileName().toString())) {
                    continue;
                }
                boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                boolean unlisted = listed && !ours.contains(rel);
                boolean changed;
                if (dir || unlisted) {
                    changed = false;
                } else if (sums != null) {
                    // The size first: a file of another size is changed without reading it.
                    String want = sums.path(rel).asText("");
                    changed = !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            || !want.startsWith(Files.size(p) + ":") || !want.equals(checksum(p));
                } else {
                    changed = markerTime != null && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)
                            .toMillis() > markerTime.toMillis() + 2000;
                }
                if (unlisted || changed) {
                    foreign.add(rel);
                }
            }
        }
        return foreign;
    }

    /** Files operating systems leave in folders a person browses: not anyone's work. */
    private static boolean isLitter(String name) {
        return name.equals(".DS_Store") || name.equals("Thumbs.db") || name.equals("desktop.ini")
                || name.startsWith("._") || name.startsWith(".nfs");
    }

    private static String relative(Path folder, Path p) {
        return folder.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    private void checkExisting() {
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(abs)) {
            throw new OutputException(name() + " is a symbolic link; cosmicweb does not replace links (nor what they point"
                    + " to): choose another " + target.option());
        }
        if (target.folder()) {
            if (!Files.isDirectory(abs)) {
                throw new OutputException(name() + " is an existing file, not " + a(target.what()) + " that cosmicweb wrote;"
                        + " it is left as it is: choose another " + target.option() + " or remove it yourself");
            }
            boolean empty;
            try (Stream<Path> s = Files.list(abs)) {
                empty = s.findAny().isEmpty();
            } catch (IOException e) {
                throw new OutputException("cannot look into " + name() + ": " + IoErrors.describe(e), e);
            }
            if (empty) {
                return;
            }
            JsonNode marker = markerOf(abs);
            String kind = marker == null ? null : marker.path("what").asText("");
            boolean ours = target.what().equals(kind) || target.earlier().test(abs);
            if (marker != null && !ours) {
                throw new OutputException(name() + " holds " + a(kind.isEmpty() ? "output" : kind) + " that cosmicweb"
                        + " wrote, not " + a(target.what()) + "; it is left as it is: choose another " + target.option());
            }
            if (ours) {
                List<String> foreign;
                try {
                    foreign = foreignFiles(abs, marker);
                } catch (IOException e) {
                    throw new OutputException("cannot look into " + name() + ": " + IoErrors.describe(e), e);
                } catch (java.io.UncheckedIOException e) {
                    throw new OutputException("cannot look into " + name() + ": " + IoErrors.describe(e.getCause()), e);
                }
                if (!foreign.isEmpty()) {
                    throw new OutputException(name() + " holds " + a(target.what()) + " written by cosmicweb and "
                            + foreign.size() + " file(s) or folder(s) it did not write or that changed since ("
                            + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                            + (foreign.size() > 3 ? ", ..." : "") + "); replacing the folder would delete them: move"
                            + " them out, or choose another " + target.option());
                }
                if (!target.replace()) {
                    throw new OutputException(name() + " already holds " + a(target.what()) + " written by cosmicweb; add"
                            + " --force to replace it, or choose another " + target.option());
                }
                return;
            }
            throw new OutputException(name() + " is an existing folder that cosmicweb did not write (it has no " + MARKER
                    + " marker); it is left as it is: choose a new " + target.option() + " or empty it yourself");
        }
        if (Files.isDirectory(abs)) {
            throw new OutputException(name() + " is a folder; " + target.option() + " names the " + target.what()
                    + " to write");
        }
        try {
            if (Files.size(abs) == 0) {
                return;
            }
        } catch (IOException e) {
            throw new OutputException("cannot look at " + name() + ": " + IoErrors.describe(e), e);
        }
        if (!target.earlier().test(abs)) {
            throw new OutputException(name() + " exists and is not " + a(target.what()) + " that cosmicweb wrote; it is"
                    + " left as it is: choose another " + target.option() + " or remove it yourself");
        }
        if (!target.replace()) {
            throw new OutputException(name() + " already holds " + a(target.what()) + "; add --force to replace it");
        }
    }

    /** "a run folder", "an experiment run folder". */
    private static String a(String what) {
        return ("aeiou".indexOf(Character.toLowerCase(what.charAt(0))) >= 0 ? "an " : "a ") + what;
    }

    private void lock() {
        Path parent = abs.getParent();
        for (Path q = parent; q != null; q = q.getParent()) {
            if (Files.exists(q)) {
                if (!Files.isDirectory(q)) {
                    throw new OutputException(name() + ": " + q + " is a file, not a folder; choose another "
                            + target.option());
                }
                break;
            }
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new OutputException("cannot create the folder of " + name() + ": " + IoErrors.describe(e), e);
        }
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new OutputException("cannot write " + name() + ": the folder " + parent + " is not writable ("
                    + IoErrors.describe(e) + ")", e);
        }
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly();
            throw new OutputException("cannot lock " + name() + ": " + IoErrors.describe(e), e);
        }
        if (lock == null) {
            closeQuietly();
            throw new OutputException(name() + " is being written by another cosmicweb run (it holds " + lockFile
                    + "); wait for it to finish, or choose another " + target.option());
        }
    }

    /** Temporary and old siblings this program's writers leave when killed: {@code .NAME.tmp}, {@code .NAME.tmp-*}, {@code .NAME.old-*}. */
    private boolean isStale(Path p) {
        String n = p.getFileName().toString();
        String base = "." + abs.getFileName();
        return n.equals(base + ".tmp") || n.startsWith(base + ".tmp-") || n.startsWith(base + ".old-");
    }

    private void removeStale() {
        try (Stream<Path> s = Files.list(abs.getParent())) {
            for (Path p : s.filter(this::isStale).toList()) {
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new OutputException("cannot clear what an earlier run left beside " + name() + ": "
                    + IoErrors.describe(e), e);
        }
    }

    /**
     * Writes the output: the writer fills a temporary sibling (a file path, or an empty folder that
     * then receives the marker), which is flushed and moved into place.
     */
    public void write(Writer writer) {
        if (lock == null) {
            throw new IllegalStateException("the output " + abs + " is closed");
        }
        if (written) {
            throw new IllegalStateException("the output " + abs + " was already written");
        }
        Path parent = abs.getParent();
        String prefix = "." + abs.getFileName() + ".tmp-";
        Path tmp = null;
        try {
            tmp = createTemp(parent, prefix, target.folder());
            writer.write(tmp);
            if (target.folder()) {
                Json.write(tmp.resolve(MARKER), marker(tmp));
            } else if (!Files.isRegularFile(tmp)) {
                throw new IOException("the writer of " + abs + " left no file");
            }
            syncTree(tmp);
            checkExisting();
            replace(tmp);
            tmp = null;
            syncFolder(parent);
            written = true;
        } catch (IOException e) {
            throw new OutputException("could not write " + name() + ": " + IoErrors.describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    deleteTree(tmp);
                } catch (IOException ignored) {
                    // the next run on this output removes it
                }
            }
        }
    }

    private void replace(Path tmp) throws IOException {
        if (!target.folder()) {
            move(tmp, abs, true);
            return;
        }
        Path old = null;
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            old = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".old-");
            Files.delete(old);
            move(abs, old, false);
        }
        try {
            move(tmp, abs, false);
        } catch (IOException e) {
            if (old != null) {
                move(old, abs, false);
            }
            throw e;
        }
        if (old != null) {
            try {
                deleteTree(old);
            } catch (IOException ignored) {
                // left as .NAME.old-*: the next run on this output removes it
            }
        }
    }

    private static void move(Path from, Path to, boolean replaceExisting) throws IOException {
        try {
            if (replaceExisting) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " in one step on this file system", e);
        }
    }

    private ObjectNode marker(Path folder) throws IOException {
        ObjectNode m = Json.object();
        m.put("written_by", Version.software());
        m.put("what", target.what());
        m.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("note", "cosmicweb replaces this folder only where it finds this file, and only while the folder"
                + " holds nothing but the files listed here");
        com.fasterxml.jackson.databind.node.ArrayNode files = m.putArray("files");
        ObjectNode sums = m.putObject("checksums");
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(q -> !Files.isDirectory(q, LinkOption.NOFOLLOW_LINKS)).toList()) {
                files.add(relative(folder, p));
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    sums.put(relative(folder, p), checksum(p));
                }
            }
        }
        return m;
    }

    /**
     * "size:CRC-32C" of a file's bytes: how a later run tells a file of its own that someone edited
     * from one merely copied or touched (a copy has new times and the same bytes).
     */
    static String checksum(Path file) throws IOException {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        long size = 0;
        byte[] buf = new byte[1 << 16];
        try (java.io.InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int r; (r = in.read(buf)) > 0; ) {
                crc.update(buf, 0, r);
                size += r;
            }
        }
        return size + ":" + Long.toHexString(crc.getValue());
    }

    /**
     * An empty temporary file or folder beside the output, created the way any new file is (so with
     * the permissions of the user's umask, unlike {@link Files#createTempFile}'s owner-only ones).
     */
    private static Path createTemp(Path parent, String prefix, boolean folder) throws IOException {
        java.util.Random random = new java.security.SecureRandom();
        for (int attempt = 0; ; attempt++) {
            Path p = parent.resolve(prefix + Long.toUnsignedString(random.nextLong(), 36));
            try {
                return folder ? Files.createDirectory(p) : Files.createFile(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** Flushes every file below {@code p} (and the folders) to disk. */
    private static void syncTree(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.toList()) {
                if (Files.isDirectory(q)) {
                    syncFolder(q);
                } else {
                    try (FileChannel c = FileChannel.open(q, StandardOpenOption.READ)) {
                        c.force(true);
                    }
                }
            }
        }
    }

    private static void syncFolder(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a folder; the files themselves are on disk
        }
    }

    /** Releases the lock and removes the lock file. */
    @Override
    public void close() {
        if (lock == null) {
            return;
        }
        try {
            Files.deleteIfExists(lockFile);
        } catch (IOException ignored) {
            // an unlocked lock file blocks nobody
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        lock = null;
        try {
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // nothing left to release
        }
        lockChannel = null;
    }

    /** Deletes {@code p} and everything below it; nothing when it does not exist. Links are removed, not followed. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
