package io.checkpointstudio.engine.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system for disk-full tests: a tmpfs of a given size mounted on a test's folder, so
 * writes fail with the operating system's own "No space left on device". Mounting needs root (CI runs the
 * build as root); without it the test fails saying so rather than pretending. {@link #close} unmounts.
 */
final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;
    private int ballast;
    private Thread filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    static SmallDisk mount(Path mountPoint, long bytes) throws Exception {
        Files.createDirectories(mountPoint);
        String out = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs", mountPoint.toString()));
        if (out != null) {
            throw new AssertionError("this test mounts a " + bytes + "-byte tmpfs on " + mountPoint + " to fill a disk for real, which needs "
                    + "root (CI runs as root); mount said: " + out);
        }
        return new SmallDisk(mountPoint);
    }

    Path path() {
        return mountPoint;
    }

    long free() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /** Fills the disk with a file of zeros until about {@code bytes} (at most) are left free. */
    synchronized void fillLeaving(long bytes) throws IOException {
        if (free() <= bytes) {
            return;
        }
        Path file = mountPoint.resolve("ballast-" + ballast++);
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (free() > bytes) {
                long n = Math.min(block.length, free() - bytes);
                out.write(block, 0, (int) Math.max(1, n));
                out.flush();
            }
        }
    }

    /**
     * Keeps the disk full, as another program writing to it would: every 20 ms, tops the ballast up so that
     * at most {@code bytes} are free (space a checkpoint frees by deleting an older one is taken again).
     * Stops when the disk is closed.
     */
    void keepFullLeaving(long bytes) {
        Thread filler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    fillLeaving(bytes);
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException raced) {
                    // the job took the space first: the disk is full either way
                }
            }
        }, "fill " + mountPoint);
        filler.setDaemon(true);
        filler.start();
        this.filler = filler;
    }

    @Override
    public void close() throws Exception {
        if (filler != null) {
            filler.interrupt();
            filler.join(5000);
        }
        if (run(List.of("umount", mountPoint.toString())) != null) {
            String lazy = run(List.of("umount", "-l", mountPoint.toString()));
            if (lazy != null) {
                throw new IllegalStateException("could not unmount " + mountPoint + ": " + lazy);
            }
        }
    }

    /** Runs a command; null when it succeeded, else its exit code and output. */
    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not end within 30 s";
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }
}
