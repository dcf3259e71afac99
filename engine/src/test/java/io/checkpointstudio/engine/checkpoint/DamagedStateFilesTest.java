package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.awaitCompleted;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.cancel;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.chkFolders;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.clicks;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of file a checkpoint names, damaged in every way (a flipped byte, cut to half, deleted) in
 * the newest of three retained checkpoints whose {@code _metadata} is intact: keyed state files of the
 * hashmap and of RocksDB's full snapshots, RocksDB's incremental files (a shared SST that only the newest
 * checkpoint references, MANIFEST, CURRENT) and the in-flight data of an unaligned checkpoint. Each time:
 * resolving the job folder skips the newest with its bad file named and takes the one before; the damaged
 * checkpoint named directly is refused with the file; {@code check-restore} reports the file (exit 2 for
 * the checkpoint, 1 for the job folder, whose older checkpoint restores); {@code run --from} the
 * checkpoint refuses at once instead of restarting for ever, and from the job folder it resumes from the
 * one before with results exactly the oracle's.
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class DamagedStateFilesTest {
    static final long EVENTS = 200_000;
    static final int PARALLELISM = 2;
    /** Long enough for a loaded machine; a run that restarts for ever never gets there. */
    static final Duration CLI_LIMIT = Duration.ofSeconds(90);

    /** Checkpoints written once per kind of file, copied for each damage. */
    private static final Map<FileKind, Path> PRISTINE = new EnumMap<>(FileKind.class);

    @TempDir
    static Path pristineRoot;

    @BeforeAll
    static void forgetCheckpointsOfAnEarlierRun() {
        PRISTINE.clear(); // they were in the temporary folder of that run, deleted since
    }

    @TempDir
    Path dir;

    enum FileKind {
        HASHMAP_KEYED_STATE, ROCKSDB_FULL_KEYED_STATE, ROCKSDB_SHARED_SST, ROCKSDB_MANIFEST, ROCKSDB_CURRENT, IN_FLIGHT_DATA;

        Map<String, Object> backend() {
            Map<String, Object> c = new LinkedHashMap<>();
            switch (this) {
                case HASHMAP_KEYED_STATE, IN_FLIGHT_DATA -> c.put("state.backend.type", "hashmap");
                case ROCKSDB_FULL_KEYED_STATE -> {
                    c.put("state.backend.type", "rocksdb");
                    c.put("state.backend.incremental", false);
                }
                default -> {
                    c.put("state.backend.type", "rocksdb");
                    c.put("state.backend.incremental", true);
                }
            }
            if (this == IN_FLIGHT_DATA) {
                c.put("execution.checkpointing.unaligned.enabled", true);
            }
            return c;
        }

        /** The file of this kind in {@code newest}, chosen so that {@code previous} does not use it. */
        Path pick(Path jobDir, Path newest, Path previous) throws IOException {
            CheckpointMetadata md = CheckpointStorage.readMetadata(newest);
            List<IncrementalStateHandle> natives = new ArrayList<>();
            List<InFlightHandle> inFlight = new ArrayList<>();
            for (TaskStateHandle t : md.tasks()) {
                for (SubtaskStateHandle s : t.subtasks()) {
                    s.operators().stream().filter(o -> o.incremental() != null).forEach(o -> natives.add(o.incremental()));
                    if (s.inFlight() != null) {
                        inFlight.add(s.inFlight());
                    }
                }
            }
            return switch (this) {
                case HASHMAP_KEYED_STATE, ROCKSDB_FULL_KEYED_STATE -> newest.resolve(ClicksJob.SUM + "-0.kg");
                case ROCKSDB_SHARED_SST -> {
                    Set<String> older = SharedStateRegistry.referencedBy(CheckpointStorage.readMetadata(previous));
                    Set<String> mine = new HashSet<>(SharedStateRegistry.referencedBy(md));
                    mine.removeAll(older);
                    assertThat(mine).as("shared SST files only the newest checkpoint references").isNotEmpty();
                    yield jobDir.resolve(SharedStateRegistry.SHARED).resolve(mine.stream().sorted().findFirst().orElseThrow());
                }
                case ROCKSDB_MANIFEST, ROCKSDB_CURRENT -> newest.resolve(natives.stream().flatMap(n -> n.privateFiles().stream())
                        .filter(f -> this == ROCKSDB_CURRENT ? f.localName().equals("CURRENT") : f.localName().startsWith("MANIFEST"))
                        .findFirst().orElseThrow().file());
                case IN_FLIGHT_DATA -> {
                    assertThat(inFlight).as("in-flight data in the newest unaligned checkpoint").isNotEmpty();
                    yield newest.resolve(inFlight.get(0).file());
                }
            };
        }
    }

    enum Damage {
        FLIPPED_BYTE, TRUNCATED, DELETED;

        void applyTo(Path file) throws IOException {
            byte[] b = Files.readAllBytes(file);
            assertThat(b.length).as("size of " + file).isGreaterThan(1);
            switch (this) {
                case FLIPPED_BYTE -> {
                    b[b.length / 2] ^= 0x01;
                    Files.write(file, b);
                }
                case TRUNCATED -> Files.write(file, Arrays.copyOf(b, b.length / 2));
                case DELETED -> Files.delete(file);
                default -> throw new IllegalStateException();
            }
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (FileKind kind : FileKind.values()) {
            for (Damage damage : Damage.values()) {
                all.add(Arguments.of(kind, damage));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void damagedFileInTheNewestCheckpoint_isNamed_refused_skippedFromTheJobFolder_andNeverRestartedFor(FileKind kind, Damage damage)
            throws Exception {
        Path jobDir = copyOfCheckpoints(kind);
        List<Path> chks = chkFolders(jobDir);
        Path newest = chks.get(chks.size() - 1);
        Path previous = chks.get(chks.size() - 2);
        assertThat(SnapshotPaths.resolve(jobDir, w -> { throw new AssertionError(w); })).as("intact before the damage").isEqualTo(newest);
        Path bad = kind.pick(jobDir, newest, previous);
        damage.applyTo(bad);
        String problem = switch (damage) {
            case FLIPPED_BYTE -> "is damaged: its checksum does not match";
            case TRUNCATED -> "bytes but the checkpoint recorded";
            case DELETED -> "is missing";
        };

        // The job folder: the newest is skipped, naming the file; the one before is taken.
        List<String> warnings = new ArrayList<>();
        assertThat(SnapshotPaths.resolve(jobDir, warnings::add)).isEqualTo(previous);
        assertThat(warnings).singleElement().asString().startsWith("skipping " + newest.getFileName() + ": ")
                .contains("state file " + bad + " ", problem);

        // The checkpoint itself: refused, the file named.
        assertThatThrownBy(() -> SnapshotPaths.open(newest, w -> { }))
                .isInstanceOfSatisfying(DamagedSnapshotException.class, e -> assertThat(e.damages()).singleElement()
                        .satisfies(d -> assertThat(d.file()).isEqualTo(bad.toString())))
                .hasMessageContaining(bad.toString()).hasMessageContaining(problem);

        Path jobFile = dir.resolve("clicks.job.json");
        JobDocuments.write(clicks(EVENTS, 0, PARALLELISM, resumeConfig(kind)), jobFile);

        CliRun checkChk = CliRun.run("check-restore", jobFile.toString(), newest.toString());
        assertThat(checkChk.exitCode()).as(checkChk.out() + checkChk.err()).isEqualTo(2);
        assertThat(checkChk.out()).contains(newest + " is damaged", "state file " + bad + " ", problem, "restore: no");

        CliRun checkFolder = CliRun.run("check-restore", jobFile.toString(), jobDir.toString());
        assertThat(checkFolder.exitCode()).as(checkFolder.out() + checkFolder.err()).isEqualTo(1);
        assertThat(checkFolder.out()).contains("skipping " + newest.getFileName(), bad.toString(),
                "checkpoint " + CheckpointJobs.number(previous) + " of ", "restore: yes, but only from " + previous.getFileName());

        CliRun refused = assertTimeoutPreemptively(CLI_LIMIT, () -> CliRun.run("run", jobFile.toString(), "--from", newest.toString()),
                "run --from a damaged checkpoint must refuse, not restart for ever");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("--from: ", bad.toString(), problem).doesNotContain("restarting");

        if (damage == Damage.FLIPPED_BYTE) { // one full resume per kind of file: the fallback restores exactly
            CliRun resumed = assertTimeoutPreemptively(CLI_LIMIT,
                    () -> CliRun.run("run", jobFile.toString(), "--from", jobDir.toString(), "--json", "--quiet"));
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(resumed.err()).contains("warning: skipping " + newest.getFileName(), bad.toString(), "resuming from " + previous);
            assertExactResume(resumed);
        }
    }

    private Map<String, Object> resumeConfig(FileKind kind) {
        Map<String, Object> c = new LinkedHashMap<>(kind.backend());
        c.put("execution.checkpointing.dir", dir.resolve("resumed").toString());
        c.put("execution.checkpointing.interval", "100ms");
        return c;
    }

    private static void assertExactResume(CliRun run) throws IOException {
        JsonNode summary = new ObjectMapper().readTree(run.out().strip());
        assertThat(summary.get("status").asText()).isEqualTo("FINISHED");
        long sourceRecords = summary.at("/operators/" + ClicksJob.SOURCE + "/records_out").asLong();
        assertThat(sourceRecords).as("resumed, not started over").isPositive().isLessThan(EVENTS);
        ClicksOracle.Totals expected = ClicksOracle.totals(EVENTS, CheckpointJobs.USERS, 42);
        JsonNode sink = summary.at("/operators/" + ClicksJob.SINK);
        assertThat(sink.get("checksum").asLong()).as("sum of the final per-user counts").isEqualTo(expected.loggedIn());
        assertThat(sink.get("weighted_checksum").asLong()).isEqualTo(expected.weightedChecksum());
    }

    /** A fresh copy of the kind's checkpoints (a job folder with three retained checkpoints and, for RocksDB, shared/). */
    private Path copyOfCheckpoints(FileKind kind) throws Exception {
        Path pristine = PRISTINE.get(kind);
        if (pristine == null) {
            pristine = writeCheckpoints(kind);
            PRISTINE.put(kind, pristine);
        }
        Path copy = dir.resolve("checkpoints").resolve(pristine.getFileName());
        try (Stream<Path> all = Files.walk(pristine)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = copy.resolve(pristine.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }

    /**
     * Runs the clicks job (rate-limited so it stays running, or back-pressured by a slowed sink for in-flight
     * data), keeping three checkpoints on cancel, and cancels it after its fourth.
     */
    private static Path writeCheckpoints(FileKind kind) throws Exception {
        Path root = pristineRoot.resolve(kind.name());
        Map<String, Object> config = CheckpointJobs.config(root, "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.num-retained", 3,
                "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION",
                "execution.checkpointing.tolerable-failed-checkpoints", 100);
        config.putAll(kind.backend());
        FaultInjector faults = new FaultInjector();
        long rate = 20_000;
        if (kind == FileKind.IN_FLIGHT_DATA) {
            faults.slow(ClicksJob.SINK, 60); // about 16,000 records a second per subtask: the channels into it stay full
            rate = 0;
        }
        JobExecution job = start(clicks(EVENTS, rate, PARALLELISM, config), faults);
        awaitCompleted(job, 4);
        assertThat(cancel(job).status()).isEqualTo(JobStatus.CANCELED);
        Path jobDir = root.resolve(job.jobId());
        assertThat(chkFolders(jobDir)).hasSize(3);
        return jobDir;
    }
}
