package io.checkpointstudio.servers.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks this platform's PostgreSQL server binaries (the {@code postgres-<system>-<arch>.txz} archive of
 * zonky's binaries artifact on this class path, found by zonky's own resolver) into a folder: {@code bin/},
 * {@code lib/}, {@code share/}, with the archive's file modes and links. Runs as a short child process of the
 * studio, which then runs {@code initdb} and {@code postgres} from that folder itself.
 *
 * <p>{@code java -cp 'servers/postgres/*' io.checkpointstudio.servers.postgres.PostgresBinaries TARGET}: exits 0
 * when {@code TARGET/bin/postgres} is there (unpacked now or before), 1 with a message on stderr otherwise.
 * Two processes may run it at once: each unpacks into a folder of its own and the first rename wins.
 */
public final class PostgresBinaries {
    private PostgresBinaries() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PostgresBinaries TARGET_FOLDER");
            System.exit(2);
        }
        Path target = Path.of(args[0]).toAbsolutePath();
        try {
            long start = System.nanoTime();
            boolean unpacked = unpack(target);
            System.out.println(unpacked
                    ? "unpacked the PostgreSQL binaries into " + target + " in " + (System.nanoTime() - start) / 1_000_000 + " ms"
                    : "the PostgreSQL binaries are in " + target);
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot unpack the PostgreSQL binaries into " + target + ": " + e);
            System.exit(1);
        }
    }

    /** Unpacks into {@code target} unless it already holds the server; true when it unpacked. */
    static boolean unpack(Path target) throws IOException {
        if (Files.isRegularFile(target.resolve("bin").resolve(executable("postgres")))) {
            return false;
        }
        Files.createDirectories(target.getParent());
        Path work = target.resolveSibling(target.getFileName() + ".unpacking-" + UUID.randomUUID());
        try {
            try (InputStream archive = new BufferedInputStream(DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), arch()), 1 << 16);
                 TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(archive))) {
                extract(tar, work);
            }
            try {
                Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                return false; // another process was first
            }
            return true;
        } finally {
            deleteRecursively(work);
        }
    }

    private static void extract(TarArchiveInputStream tar, Path into) throws IOException {
        Files.createDirectories(into);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path file = into.resolve(entry.getName()).normalize();
            if (!file.startsWith(into)) {
                throw new IOException("the archive entry " + entry.getName() + " points outside the target folder");
            }
            if (entry.isDirectory()) {
                Files.createDirectories(file);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(file.getParent());
                Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
            } else if (entry.isLink()) {
                Files.createDirectories(file.getParent());
                Files.createLink(file, into.resolve(entry.getLinkName()).normalize());
            } else {
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    tar.transferTo(out);
                }
                setMode(file, entry.getMode());
            }
        }
    }

    private static void setMode(Path file, int mode) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                perms.add(bits[i]);
            }
        }
        perms.add(PosixFilePermission.OWNER_READ);
        perms.add(PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(file, perms);
    }

    private static String executable(String name) {
        return system().equals("Windows") ? name + ".exe" : name;
    }

    /** zonky's names: Linux, Darwin, Windows. */
    static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "Windows";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return "Darwin";
        }
        return "Linux";
    }

    private static String arch() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
