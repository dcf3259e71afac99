package io.checkpointstudio.flink.translate.operators;

import java.net.URI;
import java.nio.file.Path;

/** A path of the job document as Flink takes it: an absolute {@code file:} URI, resolved where the job is translated. */
final class FilePaths {
    private FilePaths() {
    }

    static URI absolute(String path) {
        return Path.of(path).toAbsolutePath().toUri();
    }
}
