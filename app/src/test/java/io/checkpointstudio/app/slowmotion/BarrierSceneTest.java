package io.checkpointstudio.app.slowmotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import io.checkpointstudio.app.monitor.Readable;
import io.checkpointstudio.app.slowmotion.SceneLayout.Point;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.EngineEvent.BarrierTrace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The slow motion's scene without a window: the engine's trace events of a two-task job (two source
 * subtasks, a key-by, two keyed subtasks) played at chosen animation times on a hand-made layout, and the
 * figures checked where they must be. With the default stretch (100), 10 ms between two engine events are
 * 1 s of animation.
 */
class BarrierSceneTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000_000 * MS;
    private static final String SOURCE = "Source: clicks";
    private static final String KEYED = "per-user";
    private static final JobDocument JOB = new JobDocument(JobDocument.FORMAT, "clicks", null, Map.of(),
            List.of(OperatorSpec.of("clicks", "datagen-clicks", Map.of()), OperatorSpec.of("by-user", "key-by", Map.of("key", "userId")),
                    OperatorSpec.of("per-user", "sum", Map.of("field", "clicks"))),
            List.of(new EdgeSpec("clicks", "by-user"), new EdgeSpec("by-user", "per-user")), Map.of());

    private final BarrierScene scene = new BarrierScene();
    private final Layout layout = new Layout(Map.of("clicks", new Point(0, 0), "by-user", new Point(200, 0), "per-user", new Point(400, 0)));

    /** Nodes 100 × 60; each edge a straight line from the right middle of one node to the left middle of the next. */
    private record Layout(Map<String, Point> nodes) implements SceneLayout {
        @Override
        public Optional<Point> nodeAt(String operatorId) {
            return Optional.ofNullable(nodes.get(operatorId));
        }

        @Override
        public double nodeWidth() {
            return 100;
        }

        @Override
        public double nodeHeight() {
            return 60;
        }

        @Override
        public boolean drawn(EdgeSpec edge) {
            return nodes.containsKey(edge.from()) && nodes.containsKey(edge.to());
        }

        @Override
        public Point pointOn(EdgeSpec edge, double t) {
            Point from = nodes.get(edge.from());
            Point to = nodes.get(edge.to());
            double x0 = from.x() + 100;
            double y0 = from.y() + 30;
            return new Point(x0 + (to.x() - x0) * t, y0 + (to.y() + 30 - y0) * t);
        }

        @Override
        public Point coordinatorCorner() {
            return new Point(1000, 10);
        }

        @Override
        public double zoom() {
            return 2;
        }
    }

    @BeforeEach
    void run() {
        scene.reset(Map.of(SOURCE, List.of("clicks"), KEYED, List.of("per-user")), Map.of("clicks", 2, "by-user", 2, "per-user", 2));
    }

    private void offer(long animationMillis, EngineEvent... events) {
        for (EngineEvent e : events) {
            scene.offer(e, T0 + animationMillis * MS);
        }
    }

    private SceneFrame frame(long animationMillis) {
        return scene.frame(T0 + animationMillis * MS, JOB, layout);
    }

    private static BarrierTrace.BarrierSent sent(long engineMillis, long checkpoint, int fromSubtask, int toSubtask) {
        return new BarrierTrace.BarrierSent(engineMillis, engineMillis * MS, checkpoint, SOURCE, fromSubtask, KEYED, toSubtask, false);
    }

    private static BarrierTrace.BarrierReceived received(long engineMillis, long checkpoint, int fromSubtask, int toSubtask) {
        return new BarrierTrace.BarrierReceived(engineMillis, engineMillis * MS, checkpoint, KEYED, toSubtask, fromSubtask, SOURCE,
                fromSubtask, false);
    }

    @Test
    void aBarrierTravelsItsChannelThroughTheKeyBy_andArrivesWhenItsReceiptPlays() {
        offer(0, sent(1000, 1, 0, 1), received(1010, 1, 0, 1));

        // sent now, received 10 ms of the job later: it takes a second along both edges, in the lane of channel 0 → 1 of 4
        SceneFrame start = frame(0);
        assertThat(start.barriers()).singleElement().satisfies(b -> {
            assertThat(b.checkpointId()).isEqualTo(1);
            assertThat(b.unaligned()).isFalse();
            assertThat(b.x()).isEqualTo(100);
            assertThat(b.y()).isEqualTo(30 - 3.5);
        });
        SceneFrame half = frame(500);
        assertThat(half.barriers()).singleElement().satisfies(b -> {
            assertThat(b.x()).as("halfway: the key-by's output port").isEqualTo(300);
            assertThat(b.y()).isEqualTo(26.5);
        });
        assertThat(scene.barrierMarkers()).containsExactly("chk 1 clicks#0 -> per-user#1 (aligned, 50%)");
        SceneFrame arrived = frame(1000);
        assertThat(arrived.barriers()).singleElement().satisfies(b -> assertThat(b.x()).isEqualTo(400));
        assertThat(frame(1301).barriers()).as("gone a moment after it arrived").isEmpty();
        assertThat(scene.shownCounts()).containsEntry("barrier", 1);
    }

    @Test
    void aBarrierWhoseReceiptIsNotKnownYet_approachesTheEndWithoutReachingIt() {
        offer(0, sent(1000, 1, 1, 0));
        frame(0);
        // after ten seconds 92 % of the way, which it never passes: on the second edge, 84 % along it
        assertThat(frame(10_000).barriers().get(0).x()).isCloseTo(300 + 84, within(0.01));
        assertThat(frame(15_001).barriers()).as("lost after 15 s").isEmpty();
    }

    @Test
    void aSubtaskWithOneOfTwoBarriers_holdsTheOtherChannelBack_untilItIsAligned() {
        offer(0, new BarrierTrace.ChannelBlocked(1000, 1000 * MS, 1, KEYED, 1, 0, SOURCE, 0, 1, 2),
                new BarrierTrace.ChannelReleased(1010, 1010 * MS, 1, KEYED, 1, 0, SOURCE, 0));

        SceneFrame blocked = frame(0);
        assertThat(blocked.alignments()).singleElement().satisfies(a -> {
            assertThat(a.blocked()).isTrue();
            assertThat(a.text()).isEqualTo("chk 1 #1: 1/2 channels aligned, 1 blocked");
            // the input side of the keyed node, the lower of its two subtask segments
            assertThat(a.barX()).isEqualTo(386);
            assertThat(a.barY()).isEqualTo(4 + 26);
            assertThat(a.barHeight()).isEqualTo(24);
            assertThat(a.textY()).isEqualTo(-43);
        });
        assertThat(scene.blockedIndicators()).containsExactly("per-user#1 chk 1 1/2 channels aligned");

        SceneFrame released = frame(1000);
        assertThat(released.alignments()).singleElement().satisfies(a -> {
            assertThat(a.blocked()).isFalse();
            assertThat(a.text()).isEqualTo("chk 1 #1: all channels aligned");
        });
        assertThat(scene.blockedIndicators()).isEmpty();
        assertThat(frame(1601).alignments()).as("the green bar lingers, then goes").isEmpty();
    }

    @Test
    void acknowledgementsFlyToTheCoordinator_whichCountsThem_andSaysWhenTheCheckpointCompleted() {
        offer(0, new EngineEvent.CheckpointTriggered(990, 1, false, false),
                new BarrierTrace.AckSent(1000, 1000 * MS, 1, KEYED, 0, 100, 0),
                new BarrierTrace.AckSent(1000, 1000 * MS, 1, KEYED, 1, 100, 0),
                new EngineEvent.CheckpointAcknowledged(1010, 1, KEYED, 0, 1, 1, 0, 0, 100, false),
                new EngineEvent.CheckpointAcknowledged(1010, 1, KEYED, 1, 1, 1, 0, 0, 100, false),
                new EngineEvent.CheckpointCompleted(1020, 1, 20, 200, 200, "chk-1", false));

        SceneFrame sent = frame(0);
        assertThat(sent.acks()).extracting(SceneFrame.Ack::x, SceneFrame.Ack::y)
                .containsExactly(tuple(450.0, 30.0), tuple(450.0, 36.0));
        assertThat(sent.coordinator().text()).startsWith("chk 1: 0/4 acks, triggered\n1 ms of the job = 100 ms here");
        assertThat(sent.coordinator().scale()).as("the same size on screen at zoom 2").isEqualTo(0.5);
        assertThat(sent.coordinator().x()).isEqualTo(1000);

        SceneFrame flying = frame(500);
        // halfway to the coordinator's corner, arcing 40 above the straight line
        assertThat(flying.acks().get(0).x()).isCloseTo(450 + (1008 - 450) * 0.5, within(1e-9));
        assertThat(flying.acks().get(0).y()).isCloseTo(35 - 40, within(1e-9));
        assertThat(scene.acksAtCoordinator()).isEmpty();

        SceneFrame arrived = frame(1000);
        assertThat(arrived.acks()).extracting(SceneFrame.Ack::x).containsOnly(1008.0);
        assertThat(scene.acksAtCoordinator()).containsExactly(Map.entry(1L, 2));
        assertThat(scene.coordinatorText()).startsWith("chk 1: 2/4 acks, triggered");

        SceneFrame completed = frame(2000);
        assertThat(completed.acks()).isEmpty();
        assertThat(scene.coordinatorText()).startsWith("chk 1: 2/4 acks, completed ✓");
        assertThat(scene.shownCounts()).containsEntry("ack", 2);
    }

    @Test
    void theInFlightDataAnUnalignedCheckpointCaptured_isABadgeOnTheEdge() {
        offer(0, new BarrierTrace.InFlightCaptured(1000, 1000 * MS, 2, KEYED, 0, 1, SOURCE, 1, 3, 1000),
                new BarrierTrace.InFlightCaptured(1000, 1000 * MS, 2, KEYED, 1, 1, SOURCE, 1, 2, 500));

        SceneFrame f = frame(0);
        assertThat(f.inFlight()).singleElement().satisfies(b -> {
            assertThat(b.text()).isEqualTo("chk 2 in-flight " + Readable.bytes(1500) + " (5 buffers)");
            // 72 % along the two edges: on the second one, below the line
            assertThat(b.centreX()).isCloseTo(344, within(1e-9));
            assertThat(b.y()).isEqualTo(46);
        });
        assertThat(scene.inFlightBadges()).containsExactly("chk 2 clicks -> per-user " + Readable.bytes(1500) + " in 5 buffers");
    }

    @Test
    void whatBelongsToCheckpointsOlderThanThePreviousOne_isForgotten() {
        offer(0, sent(1000, 1, 0, 0), new BarrierTrace.BarrierEmitted(1000, 1000 * MS, 3, SOURCE, 0, false));

        SceneFrame f = frame(0);
        assertThat(f.barriers()).as("checkpoint 1 is two behind the newest").isEmpty();
        assertThat(f.snapshots()).singleElement().satisfies(s -> {
            assertThat(s.text()).isEqualTo("barrier 3 ▶");
            assertThat(s.x()).isEqualTo(0);
            assertThat(s.y()).isEqualTo(-22);
        });
    }

    @Test
    void nothingIsPlacedOnOperatorsThatAreNotDrawn() {
        BarrierScene bare = new BarrierScene();
        bare.reset(Map.of(SOURCE, List.of("clicks"), KEYED, List.of("per-user")), Map.of("clicks", 2, "per-user", 2));
        bare.offer(new BarrierTrace.ChannelBlocked(1000, 1000 * MS, 1, KEYED, 0, 0, SOURCE, 0, 1, 2), T0);
        bare.offer(new BarrierTrace.AckSent(1000, 1000 * MS, 1, KEYED, 0, 100, 0), T0);
        bare.offer(sent(1000, 1, 0, 0), T0);

        SceneFrame f = bare.frame(T0, JOB, new Layout(Map.of()));
        assertThat(f.alignments()).isEmpty();
        assertThat(f.acks()).isEmpty();
        assertThat(f.barriers()).isEmpty();
        assertThat(bare.ackMarkers()).as("an ack whose task is not drawn is dropped").isEmpty();
        assertThat(bare.blockedIndicators()).as("the alignment itself is still known").hasSize(1);
    }
}
