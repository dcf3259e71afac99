package io.checkpointstudio.engine.services;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The lock file {@code <home>/services.lock}: which server process (pid, start time) runs each service on
 * which ports. It is the one source of truth the app and the CLI share; every read and write holds an
 * exclusive lock on the file (released by the operating system when a process dies, so a {@code kill -9}
 * never leaves it locked). An entry whose process is gone is stale: status says so and the next start
 * replaces it.
 */
final class ServiceRegistry {
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** File locks belong to the whole JVM: threads of one process take turns on this lock first. */
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path file;

    ServiceRegistry(Path home) {
        this.file = home.resolve("services.lock");
    }

    Path file() {
        return file;
    }

    /** The entries; an unreadable file reads as none (the servers' processes are then checked afresh). */
    Map<ServiceKind, ServiceRecord> read() throws IOException {
        Map<ServiceKind, ServiceRecord> result = new EnumMap<>(ServiceKind.class);
        if (!Files.exists(file)) {
            return result;
        }
        locked(false, result::putAll);
        return result;
    }

    void put(ServiceKind kind, ServiceRecord record) throws IOException {
        locked(true, m -> m.put(kind, record));
    }

    void remove(ServiceKind kind) throws IOException {
        locked(true, m -> m.remove(kind));
    }

    private void locked(boolean write, Consumer<Map<ServiceKind, ServiceRecord>> change) throws IOException {
        Files.createDirectories(file.getParent());
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        jvm.lock();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            Map<ServiceKind, ServiceRecord> entries = parse(ch);
            change.accept(entries);
            if (write) {
                Map<String, ServiceRecord> out = new LinkedHashMap<>();
                entries.forEach((k, v) -> out.put(k.id(), v));
                byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(out);
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(bytes), 0);
                ch.force(true);
            }
        } finally {
            jvm.unlock();
        }
    }

    private static Map<ServiceKind, ServiceRecord> parse(FileChannel ch) throws IOException {
        Map<ServiceKind, ServiceRecord> entries = new EnumMap<>(ServiceKind.class);
        long size = ch.size();
        if (size == 0) {
            return entries;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, 1 << 20));
        ch.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        try {
            Map<String, ServiceRecord> raw = JSON.readValue(text, new TypeReference<Map<String, ServiceRecord>>() { });
            raw.forEach((k, v) -> {
                try {
                    entries.put(ServiceKind.of(k), v);
                } catch (IllegalArgumentException unknown) {
                    // a service of another version: ignored
                }
            });
        } catch (JsonProcessingException damaged) {
            // half-written by a process that died mid-write: the processes are checked afresh
        }
        return entries;
    }

    /** Serialises starts and stops of one service across threads and processes: {@code <home>/<service>/start.lock}. */
    static final class StartLock implements AutoCloseable {
        private final ReentrantLock jvm;
        private final FileChannel channel;
        private final FileLock lock;

        private StartLock(ReentrantLock jvm, FileChannel channel, FileLock lock) {
            this.jvm = jvm;
            this.channel = channel;
            this.lock = lock;
        }

        static StartLock acquire(Path folder) throws IOException {
            Path file = folder.resolve("start.lock");
            ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
            jvm.lock();
            FileChannel ch = null;
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                return new StartLock(jvm, ch, ch.lock());
            } catch (IOException | RuntimeException e) {
                if (ch != null) {
                    ch.close();
                }
                jvm.unlock();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
                channel.close();
            } finally {
                jvm.unlock();
            }
        }
    }
}
