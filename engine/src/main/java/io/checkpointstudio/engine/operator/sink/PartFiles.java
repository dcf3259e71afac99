package io.checkpointstudio.engine.operator.sink;

import io.checkpointstudio.engine.format.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names of the file sink's part files. Every name carries the run that wrote it (32 hex digits, the job
 * id of that run), so runs of any jobs can share a folder without touching each other's files:
 * EXACTLY_ONCE {@code part-<run>-<subtask>-<n>.<ext>} (committed) and
 * {@code .part-<run>-<subtask>-<n>.<ext>.inprogress} (in progress or pending), AT_LEAST_ONCE
 * {@code part-<run>-<subtask>.<ext>}. Names without a run ({@code part-<subtask>-<n>.<ext>}) were written by
 * earlier versions; they are still read, and a restore from a snapshot of that version finishes them.
 *
 * @param run the run's 32 hex digits, or null for the names of earlier versions
 */
record PartFiles(Path folder, String run, TextFormat format) {
    private static final Pattern PART = Pattern.compile("(\\.?)part-(?:([0-9a-f]{32})-)?(\\d{1,9})-(\\d{1,18})\\.(jsonl|csv)(\\.inprogress)?");
    private static final Pattern APPEND_PART = Pattern.compile("part-(?:([0-9a-f]{32})-)?(\\d{1,9})\\.(jsonl|csv)");
    private static final Pattern HEX_32 = Pattern.compile("[0-9a-f]{32}");

    /** One parsed EXACTLY_ONCE part file name. */
    record Name(String run, int subtask, long number, String extension, boolean inProgress) {
    }

    /** The run tag of a job id: the id itself when it is 32 lower-case hex digits (the engine's and Flink's), else a hash of it. */
    static String runTag(String jobId) {
        if (HEX_32.matcher(jobId).matches()) {
            return jobId;
        }
        return UUID.nameUUIDFromBytes(jobId.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    Path committed(int subtask, long n) {
        return folder.resolve("part-" + runPrefix() + subtask + "-" + n + "." + format.extension());
    }

    Path inProgress(int subtask, long n) {
        return folder.resolve(".part-" + runPrefix() + subtask + "-" + n + "." + format.extension() + ".inprogress");
    }

    Path atLeastOnce(int subtask) {
        return folder.resolve("part-" + runPrefix() + subtask + "." + format.extension());
    }

    private String runPrefix() {
        return run == null ? "" : run + "-";
    }

    /** This run's EXACTLY_ONCE part files of {@code subtask} (committed or not) numbered {@code from} and up. */
    List<Path> ofSubtaskFrom(int subtask, long from) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> parse(f).filter(n -> Objects.equals(n.run(), run) && n.subtask() == subtask
                    && n.number() >= from && n.extension().equals(format.extension())).isPresent()).toList();
        }
    }

    static Optional<Name> parse(Path file) {
        Matcher m = PART.matcher(file.getFileName().toString());
        if (!m.matches() || m.group(1).isEmpty() != (m.group(6) == null)) {
            return Optional.empty();
        }
        return Optional.of(new Name(m.group(2), Integer.parseInt(m.group(3)), Long.parseLong(m.group(4)), m.group(5), m.group(6) != null));
    }

    /**
     * The committed part files in a folder, of every run: by subtask, then part number (a run restored from
     * another continues its numbers, so a subtask's records read in order), then run (an earlier version's first).
     */
    static List<Path> committedIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> parse(f).filter(n -> !n.inProgress()).isPresent())
                    .sorted(Comparator.<Path>comparingInt(f -> parse(f).orElseThrow().subtask())
                            .thenComparingLong(f -> parse(f).orElseThrow().number())
                            .thenComparing(f -> parse(f).orElseThrow().run(), Comparator.nullsFirst(Comparator.naturalOrder())))
                    .toList();
        }
    }

    /** The AT_LEAST_ONCE files in a folder, of every run, by subtask. */
    static List<Path> atLeastOnceIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> APPEND_PART.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.<Path>comparingInt(f -> {
                        Matcher m = APPEND_PART.matcher(f.getFileName().toString());
                        return m.matches() ? Integer.parseInt(m.group(2)) : -1;
                    }).thenComparing(f -> f.getFileName().toString())).toList();
        }
    }
}
