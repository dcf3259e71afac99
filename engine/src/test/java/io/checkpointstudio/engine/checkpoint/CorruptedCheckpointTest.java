package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.awaitCompleted;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.cancel;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.chkFolders;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.clicks;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A checkpoint whose {@code _metadata} is damaged or missing never existed: resolving a job's checkpoint
 * folder (as {@code run --from} does) skips it with a warning naming it and takes the one before, and
 * the job resumes from that one with exact results. A damaged state file is reported by name when the
 * snapshot is opened, before anything restores from it ({@link DamagedStateFilesTest} covers every kind).
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class CorruptedCheckpointTest {
    static final long EVENTS = 400_000;
    static final int PARALLELISM = 2;

    @TempDir
    Path dir;
    Path jobDir;
    /** The retained checkpoints, oldest first. */
    List<Path> chks;

    /**
     * Runs the clicks job rate-limited (it would need 20 s to end), keeping 3 checkpoints on cancel, and
     * cancels it after its third.
     */
    @BeforeEach
    void writeCheckpoints() throws Exception {
        JobExecution job = start(clicks(EVENTS, 20_000, PARALLELISM, CheckpointJobs.config(dir.resolve("checkpoints"),
                "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.num-retained", 3,
                "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION")));
        awaitCompleted(job, 3);
        assertThat(cancel(job).status()).isEqualTo(JobStatus.CANCELED);
        jobDir = dir.resolve("checkpoints").resolve(job.jobId());
        chks = chkFolders(jobDir);
        assertThat(chks).hasSize(3);
        assertThat(SnapshotPaths.resolve(jobDir, w -> { throw new AssertionError(w); })).isEqualTo(newest());
    }

    Path newest() {
        return chks.get(2);
    }

    Path previous() {
        return chks.get(1);
    }

    enum Damage {
        TRUNCATED_TO_HALF, TRUNCATED_CHECKSUM_LINE, EMPTY, FLIPPED_BYTE_IN_JSON, FLIPPED_BYTE_IN_CHECKSUM_LINE;

        void applyTo(Path file) throws IOException {
            byte[] b = Files.readAllBytes(file);
            int trailer = new String(b, StandardCharsets.US_ASCII).lastIndexOf("#crc32=");
            switch (this) {
                case TRUNCATED_TO_HALF -> b = Arrays.copyOf(b, b.length / 2);
                case TRUNCATED_CHECKSUM_LINE -> b = Arrays.copyOf(b, b.length - 6);
                case EMPTY -> b = new byte[0];
                case FLIPPED_BYTE_IN_JSON -> b[trailer / 2] ^= 0x01;
                case FLIPPED_BYTE_IN_CHECKSUM_LINE -> b[trailer + "#crc32=".length()] ^= 0x01;
                default -> throw new IllegalStateException();
            }
            Files.write(file, b);
        }
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void damagedNewestMetadata_isSkippedWithAWarningNamingIt_andThePreviousCheckpointIsTaken(Damage damage) throws Exception {
        damage.applyTo(newest().resolve(CheckpointStorage.METADATA));
        List<String> warnings = new ArrayList<>();

        Path resolved = SnapshotPaths.resolve(jobDir, warnings::add);

        assertThat(resolved).isEqualTo(previous());
        assertThat(warnings).singleElement().asString()
                .contains(newest().getFileName().toString()).contains(CheckpointStorage.METADATA);
        // Named directly, the damaged checkpoint is refused with the file in the message.
        assertThatThrownBy(() -> SnapshotPaths.resolve(newest(), w -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining(newest().resolve(CheckpointStorage.METADATA).toString());
        assertThatThrownBy(() -> SnapshotRestore.open(newest())).isInstanceOf(IOException.class);
    }

    @Test
    void chkFolderWithoutMetadata_isSkippedWithAWarningNamingIt() throws Exception {
        Path unfinished = unfinishedCheckpoint();
        List<String> warnings = new ArrayList<>();

        Path resolved = SnapshotPaths.resolve(jobDir, warnings::add);

        assertThat(resolved).isEqualTo(newest());
        assertThat(warnings).singleElement().asString().contains(unfinished.getFileName().toString()).contains("missing");
    }

    @Test
    void unfinishedAndDamagedNewest_bothSkipped_inNewestFirstOrder() throws Exception {
        Path unfinished = unfinishedCheckpoint();
        Damage.FLIPPED_BYTE_IN_JSON.applyTo(newest().resolve(CheckpointStorage.METADATA));
        List<String> warnings = new ArrayList<>();

        Path resolved = SnapshotPaths.resolve(jobDir, warnings::add);

        assertThat(resolved).isEqualTo(previous());
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains(unfinished.getFileName().toString());
        assertThat(warnings.get(1)).contains(newest().getFileName().toString());
    }

    @Test
    void cliRunFromTheJobFolder_skipsTheBadCheckpoints_resumesFromThePreviousOne_andFinishesWithExactResults() throws Exception {
        Path unfinished = unfinishedCheckpoint();
        Damage.TRUNCATED_TO_HALF.applyTo(newest().resolve(CheckpointStorage.METADATA));
        // The same job (same operator ids), now without the rate limit so that the rest runs quickly.
        JobDocument resumed = clicks(EVENTS, 0, PARALLELISM, Map.of());
        Path jobFile = dir.resolve("clicks.job.json");
        JobDocuments.write(resumed, jobFile);

        CliRun cli = CliRun.run("run", jobFile.toString(), "--from", jobDir.toString(), "--json", "--quiet");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.err())
                .contains("warning: skipping " + unfinished.getFileName())
                .contains("warning: skipping " + newest().getFileName())
                .contains("resuming from " + previous());
        JsonNode summary = new ObjectMapper().readTree(cli.out().strip());
        assertThat(summary.get("status").asText()).isEqualTo("FINISHED");
        long sourceRecords = summary.at("/operators/" + ClicksJob.SOURCE + "/records_out").asLong();
        assertThat(sourceRecords).as("resumed, not started over").isPositive().isLessThan(EVENTS);
        ClicksOracle.Totals expected = ClicksOracle.totals(EVENTS, CheckpointJobs.USERS, 42);
        JsonNode sink = summary.at("/operators/" + ClicksJob.SINK);
        assertThat(sink.get("checksum").asLong()).as("sum of the final per-user counts").isEqualTo(expected.loggedIn());
        assertThat(sink.get("weighted_checksum").asLong()).isEqualTo(expected.weightedChecksum());
    }

    @Test
    void cliRunFromTheDamagedCheckpointItself_refusesToStartAndNamesTheFile() throws Exception {
        Damage.FLIPPED_BYTE_IN_JSON.applyTo(newest().resolve(CheckpointStorage.METADATA));
        Path jobFile = dir.resolve("clicks.job.json");
        JobDocuments.write(clicks(EVENTS, 0, PARALLELISM, Map.of()), jobFile);

        CliRun cli = CliRun.run("run", jobFile.toString(), "--from", newest().toString(), "--quiet");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err()).contains("--from: " + newest().resolve(CheckpointStorage.METADATA)).contains("checksum does not match");
    }

    @ParameterizedTest
    @EnumSource(value = Damage.class, names = {"TRUNCATED_TO_HALF", "FLIPPED_BYTE_IN_JSON"})
    void damagedStateFile_isFoundWhenTheSnapshotIsOpened_andNamedAlone(Damage damage) throws Exception {
        Path stateFile = stateFileOf(newest(), 0);
        byte[] b = Files.readAllBytes(stateFile);
        Files.write(stateFile, damage == Damage.TRUNCATED_TO_HALF ? Arrays.copyOf(b, b.length / 2) : flip(b, b.length / 2));

        // the metadata is fine; the file it names is not
        assertThatThrownBy(() -> SnapshotRestore.open(newest()))
                .isInstanceOfSatisfying(DamagedSnapshotException.class, e -> assertThat(e.damages()).singleElement()
                        .satisfies(d -> assertThat(d.file()).isEqualTo(stateFile.toString())))
                .hasMessageContaining(stateFile.toString())
                .hasMessageContaining(damage == Damage.TRUNCATED_TO_HALF ? "truncated" : "checksum does not match");
    }

    @Test
    void jobStartedFromATruncatedStateFile_isRefusedBeforeItStarts_namingTheFile() throws Exception {
        Path stateFile = stateFileOf(newest(), 1);
        Files.write(stateFile, Arrays.copyOf(Files.readAllBytes(stateFile), 10));

        assertThatThrownBy(() -> JobExecution.start(JobHarness.validate(clicks(EVENTS, 0, PARALLELISM, Map.of("restart-strategy.type", "none"))),
                RunOptions.defaults(), new FaultInjector(), newest()))
                .isInstanceOf(DamagedSnapshotException.class).hasMessageContaining(stateFile.toString()).hasMessageContaining("truncated");
    }

    /** A chk folder newer than all others, with a state file but no {@code _metadata}: in progress when the process died. */
    private Path unfinishedCheckpoint() throws IOException {
        Path unfinished = jobDir.resolve("chk-" + (CheckpointJobs.number(newest()) + 1));
        Files.createDirectories(unfinished);
        Files.write(unfinished.resolve(ClicksJob.SUM + "-0.kg"), new byte[] {1, 2, 3});
        return unfinished;
    }

    /** The keyed state file of the sum operator's subtask {@code subtask} in a checkpoint. */
    private static Path stateFileOf(Path chk, int subtask) throws IOException {
        try (Stream<Path> files = Files.list(chk)) {
            Path f = files.filter(p -> p.getFileName().toString().equals(ClicksJob.SUM + "-" + subtask + ".kg")).findFirst().orElseThrow();
            assertThat(Files.size(f)).isGreaterThan(20);
            return f;
        }
    }

    private static byte[] flip(byte[] b, int at) {
        b[at] ^= 0x01;
        return b;
    }
}
