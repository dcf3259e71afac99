package io.checkpointstudio.app.bench;

import io.checkpointstudio.app.StudioApp;
import io.checkpointstudio.app.session.RunRequest;
import io.checkpointstudio.app.shell.MainWindow;
import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.job.JobDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * How smooth the window stays while the clicks workload runs flat out with 1 s checkpoints: opens the
 * real window, runs the job, shows each monitor tab in turn, and records the interval between JavaFX
 * frames. Prints one JSON line: frame-interval percentiles (16.7 ms is a frame at 60 Hz), long frames,
 * and the job's throughput meanwhile. Run it with {@code ./checkpoint-studio bench-ui [SECONDS]}.
 */
public final class FrameTimeBenchmark {
    private static final long WARM_UP_NANOS = 3_000_000_000L;

    private FrameTimeBenchmark() {
    }

    /** Not an Application itself, so it starts from a plain class path (see Launcher). */
    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    /** The measuring application. */
    public static final class Window extends Application {

        private final long[] intervals = new long[200_000];
        private int frames;
        private long last;
        private long measuringFrom;
        private long firstEvents;
        private long firstEventsAt;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> raw = getParameters().getRaw();
            int seconds = raw.isEmpty() ? 20 : Integer.parseInt(raw.get(0));
            int parallelism = raw.size() < 2 ? 2 : Integer.parseInt(raw.get(1));
            ExecutorService background = StudioApp.newBackgroundExecutor();
            MainWindow window = StudioApp.createWindow(stage, background, List.of());
            stage.show();
            Path dir = Files.createTempDirectory("checkpoint-studio-bench-ui");
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("execution.checkpointing.interval", "1s");
            config.put("execution.checkpointing.dir", dir.resolve("checkpoints").toString());
            JobDocument job = ClicksJob.document(2_000_000_000L, 1_000_000, parallelism, config);
            window.viewModel().load(job, null);
            window.runs().run(RunRequest.fresh()).whenComplete((run, e) -> {
                if (e != null) {
                    System.err.println("bench-ui: the job did not start: " + e.getMessage());
                    Platform.exit();
                }
            });
            long start = System.nanoTime();
            measuringFrom = start + WARM_UP_NANOS;
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (last != 0 && now >= measuringFrom && frames < intervals.length) {
                        if (frames == 0) {
                            firstEvents = sourceRecords(window);
                            firstEventsAt = now;
                        }
                        intervals[frames++] = now - last;
                    }
                    last = now;
                }
            }.start();
            cycleTabs(window, 0);
            PauseTransition end = new PauseTransition(Duration.seconds(seconds + WARM_UP_NANOS / 1e9));
            end.setOnFinished(e -> finish(window, seconds));
            end.play();
        }

        private static void cycleTabs(MainWindow window, int i) {
            var tabs = window.bottomTabs().getTabs();
            window.bottomTabs().getSelectionModel().select(i % tabs.size());
            PauseTransition next = new PauseTransition(Duration.seconds(2));
            next.setOnFinished(e -> cycleTabs(window, i + 1));
            next.play();
        }

        private static long sourceRecords(MainWindow window) {
            var s = window.monitor().snapshot();
            return s == null ? 0 : s.metrics().operator(ClicksJob.SOURCE).map(o -> o.recordsOut()).orElse(0L);
        }

        private void finish(MainWindow window, int seconds) {
            long events = sourceRecords(window) - firstEvents;
            double elapsed = (System.nanoTime() - firstEventsAt) / 1e9;
            window.runs().cancel();
            long[] sorted = Arrays.copyOf(intervals, frames);
            Arrays.sort(sorted);
            long over50 = Arrays.stream(sorted).filter(v -> v > 50_000_000L).count();
            long[] updates = window.monitor().recentUpdateNanos();
            Arrays.sort(updates);
            System.out.println(String.format(Locale.ROOT,
                    "{\"benchmark\":\"ui-frames\",\"seconds\":%d,\"frames\":%d,\"fps\":%.1f,\"frame_ms_p50\":%.1f,\"frame_ms_p95\":%.1f,"
                            + "\"frame_ms_p99\":%.1f,\"frame_ms_max\":%.1f,\"frames_over_50ms\":%d,\"snapshot_updates\":%d,"
                            + "\"update_ms_p50\":%.2f,\"update_ms_p99\":%.2f,\"update_ms_max\":%.2f,\"job_events_per_second\":%.0f,\"tabs\":%d}",
                    seconds, frames, frames / elapsed, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99),
                    frames == 0 ? 0 : sorted[frames - 1] / 1e6, over50, updates.length, ms(updates, 0.50), ms(updates, 0.99),
                    updates.length == 0 ? 0 : updates[updates.length - 1] / 1e6, events / elapsed, window.bottomTabs().getTabs().size()));
            System.out.flush();
            Platform.exit();
            System.exit(0);
        }

        private static double ms(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
        }
    }
}
