package io.checkpointstudio.engine.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Data folders for the services' tests: the build's servers, any free ports, a folder of the test's own. */
final class TestHomes {
    private TestHomes() {
    }

    static ServicesSettings settings(Path home) {
        return ServicesSettings.defaults().withHome(home).withAnyPorts();
    }

    static Path newHome(String name) throws IOException {
        Path target = Path.of("target");
        Files.createDirectories(target);
        return Files.createTempDirectory(target.toAbsolutePath(), name);
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
