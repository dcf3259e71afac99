package io.checkpointstudio.engine.rest;

import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator;
import io.checkpointstudio.engine.checkpoint.CheckpointSettings;
import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.runtime.JobExecution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a savepoint requested over the REST API may be written: under one of the folders of
 * {@code checkpoint-studio.rest.savepoint-roots}, or by default under the job's savepoint directory, its checkpoint
 * directory or its job folder. Any local program can call the API, and without this a request could make the
 * engine create folders and files anywhere the process may write ({@code /etc/cron.d}). Paths are compared after
 * {@code ..} and symbolic links are resolved, so neither leads out of a root.
 */
final class SavepointTargets {
    private SavepointTargets() {
    }

    /** Why the job may not write a savepoint to {@code target} (for a 403 answer), or empty when it may. */
    static Optional<String> refusal(JobExecution job, String target) {
        Path resolved;
        try {
            resolved = canonical(CheckpointSettings.toPath(target));
        } catch (IllegalArgumentException e) { // InvalidPathException, or a URI that is no file path
            return Optional.of("target directory '" + target + "' is not a valid path: " + e.getMessage());
        }
        List<Path> roots = roots(job);
        for (Path root : roots) {
            if (resolved.startsWith(root)) {
                return Optional.empty();
            }
        }
        List<String> names = roots.stream().map(Path::toString).toList();
        return Optional.of("savepoints requested over the REST API may be written only under " + String.join(", ", names)
                + "; '" + target + "' is not under any of them. To allow it, add its folder to "
                + ConfigOptions.REST_SAVEPOINT_ROOTS.key() + " (folders separated by ';') in the job's config");
    }

    /** The allowed folders, canonical. */
    static List<Path> roots(JobExecution job) {
        Set<Path> roots = new LinkedHashSet<>();
        Optional<String> configured = job.job().config().getOptional(ConfigOptions.REST_SAVEPOINT_ROOTS);
        if (configured.isPresent()) {
            for (String root : configured.get().split(";")) {
                if (!root.isBlank()) {
                    roots.add(canonical(CheckpointSettings.toPath(root.strip())));
                }
            }
        } else {
            CheckpointCoordinator coordinator = job.coordinator();
            CheckpointSettings settings = coordinator.settings();
            if (settings.savepointDirectory() != null) {
                roots.add(canonical(settings.savepointDirectory()));
            }
            roots.add(canonical(settings.directory()));
            roots.add(canonical(coordinator.storage().jobDir()));
        }
        return new ArrayList<>(roots);
    }

    /**
     * The absolute, normalized path with every symbolic link of its existing part resolved; the part that does
     * not exist yet is appended as written (after normalization it has no {@code ..} left to climb out with).
     */
    static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
