package io.checkpointstudio.engine.state.rocksdb;

import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local RocksDB working folders, {@code <java.io.tmpdir>/checkpoint-studio/rocksdb/<job>/<operator>-<subtask>-<attempt>}.
 * A job's folder holds a {@code .lock} file that this process keeps locked while any backend of the job is
 * open, so a later process can tell the folder of a job whose process was killed (the lock is free) from
 * one in use, and deletes it. Folders without a lock file (older versions) are never touched.
 */
public final class WorkingFolders {
    private static final String LOCK = ".lock";
    private static final Map<Path, Claim> CLAIMS = new HashMap<>(); // guarded by itself

    private WorkingFolders() {
    }

    /** The root of every job's working folders. */
    public static Path root() {
        return Path.of(System.getProperty("java.io.tmpdir"), "checkpoint-studio", "rocksdb");
    }

    /** The working folder of one job. */
    public static Path jobDir(String jobId) {
        return root().resolve(jobId);
    }

    /** A backend of the job in {@code jobDir} opens: lock the job folder; the first claim in this process also sweeps stale folders. */
    static void claim(Path jobDir) throws IOException {
        Path key = jobDir.toAbsolutePath();
        synchronized (CLAIMS) {
            Claim c = CLAIMS.get(key);
            if (c == null) {
                sweepStale(key.getParent());
                Files.createDirectories(key);
                FileChannel channel = FileChannel.open(key.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                c = new Claim(channel, channel.lock());
                CLAIMS.put(key, c);
            }
            c.users++;
        }
    }

    /** A backend of the job closed; when it was the last one in this process, the job folder goes if nothing else is in it. */
    static void release(Path jobDir) {
        Path key = jobDir.toAbsolutePath();
        synchronized (CLAIMS) {
            Claim c = CLAIMS.get(key);
            if (c == null || --c.users > 0) {
                return;
            }
            CLAIMS.remove(key);
            c.close();
            try (Stream<Path> rest = Files.list(key)) {
                if (rest.allMatch(p -> p.getFileName().toString().equals(LOCK))) {
                    Files.deleteIfExists(key.resolve(LOCK));
                    Files.deleteIfExists(key);
                }
            } catch (IOException ignored) {
                // gone already, or another process of the same job id (never the case) uses it
            }
        }
    }

    /**
     * Deletes a job's working folder once the job has ended, whatever its subtasks did (a backend that could
     * not close cleanly leaves nothing behind). Called by the runtime after the last attempt ended.
     */
    public static void deleteJob(String jobId) throws IOException {
        Path key = jobDir(jobId).toAbsolutePath();
        synchronized (CLAIMS) {
            Claim c = CLAIMS.remove(key);
            if (c != null) {
                c.close();
            }
            CheckpointStorage.deleteRecursively(key);
        }
    }

    /** Deletes job folders whose lock file nobody holds: their process died without closing its backends. */
    private static void sweepStale(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> jobs;
        try (Stream<Path> list = Files.list(root)) {
            jobs = list.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return;
        }
        for (Path job : jobs) {
            Path lock = job.resolve(LOCK);
            if (CLAIMS.containsKey(job.toAbsolutePath()) || !Files.isRegularFile(lock)) {
                continue;
            }
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE)) {
                FileLock held = ch.tryLock();
                if (held == null) {
                    continue; // a live process works in it
                }
                try {
                    for (Path p : childrenExceptLock(job)) {
                        CheckpointStorage.deleteRecursively(p);
                    }
                } finally {
                    held.release();
                }
                Files.deleteIfExists(lock);
                Files.deleteIfExists(job);
            } catch (IOException | OverlappingFileLockException ignored) {
                // in use by this process, or another process is deleting it: leave it
            }
        }
    }

    private static List<Path> childrenExceptLock(Path job) throws IOException {
        try (Stream<Path> list = Files.list(job)) {
            return list.filter(p -> !p.getFileName().toString().equals(LOCK)).toList();
        }
    }

    private static final class Claim {
        final FileChannel channel;
        final FileLock lock;
        int users;

        Claim(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // the channel is closed either way
            }
        }
    }
}
