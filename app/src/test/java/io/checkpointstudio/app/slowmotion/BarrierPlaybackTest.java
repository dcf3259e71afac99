package io.checkpointstudio.app.slowmotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.EngineEvent.BarrierTrace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The slow motion's clock: engine time stretched, long pauses shortened, never far behind the engine. */
class BarrierPlaybackTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1000 * MS;

    private static BarrierTrace sent(long checkpointId, long engineNanos) {
        return new BarrierTrace.BarrierSent(engineNanos / MS, engineNanos, checkpointId, "source", 0, "sum", 1, false);
    }

    private static List<Long> dues(List<BarrierPlayback.Scheduled> played) {
        return played.stream().map(BarrierPlayback.Scheduled::dueNanos).toList();
    }

    @Test
    void oneEngineMillisecondLastsAHundredAnimationMillisecondsAtSpeed100() {
        BarrierPlayback playback = new BarrierPlayback(100, 2 * SECOND, 60 * SECOND, 1000);
        long start = 5 * SECOND; // animation clock when the events arrive
        playback.offer(sent(1, 10 * MS), start);
        playback.offer(sent(1, 11 * MS), start);
        playback.offer(sent(1, 13 * MS), start);

        assertThat(playback.due(start + 50 * MS)).hasSize(1);
        assertThat(playback.due(start + 199 * MS)).hasSize(1);
        assertThat(dues(playback.due(start + 300 * MS))).containsExactly(start + 300 * MS);
        assertThat(playback.pending()).isZero();
    }

    @Test
    void theSpeedCanChangeWhilePlaying() {
        BarrierPlayback playback = new BarrierPlayback(100, 2 * SECOND, 60 * SECOND, 1000);
        playback.offer(sent(1, 0), 0);
        playback.setStretch(400);
        playback.offer(sent(1, MS), 0);
        assertThat(dues(playback.due(SECOND))).containsExactly(0L, 400 * MS);
    }

    @Test
    void aLongQuietTimeBetweenCheckpointsIsShortenedToTheLongestGap() {
        BarrierPlayback playback = new BarrierPlayback(100, 1200 * MS, 60 * SECOND, 1000);
        playback.offer(sent(1, 0), 0);
        playback.offer(sent(2, 3 * SECOND), 0); // 3 s of engine time would be 5 minutes at speed 100
        assertThat(dues(playback.due(10 * SECOND))).containsExactly(0L, 1200 * MS);
    }

    @Test
    void eventsThatArriveAfterPlaybackCaughtUpPlayFromNowNotFromThePast() {
        BarrierPlayback playback = new BarrierPlayback(100, 1200 * MS, 60 * SECOND, 1000);
        playback.offer(sent(1, 0), 0);
        playback.due(SECOND);
        playback.offer(sent(2, 10 * MS), 30 * SECOND);
        playback.offer(sent(2, 12 * MS), 30 * SECOND);
        assertThat(dues(playback.due(40 * SECOND))).containsExactly(30 * SECOND, 30 * SECOND + 200 * MS);
    }

    @Test
    void whenTheBacklogWouldTakeTooLongTheCheckpointPlayingFinishesAndThoseThatPiledUpAreSkippedWhole() {
        BarrierPlayback playback = new BarrierPlayback(100, 1200 * MS, 3 * SECOND, 1000);
        for (int i = 0; i < 20; i++) {
            playback.offer(sent(1, i * MS), 0); // 2 s of animation
        }
        assertThat(playback.dropped()).isZero();
        for (int i = 0; i < 10; i++) {
            playback.offer(sent(2, (100 + i) * MS), 0); // a gap shortened to 1.2 s, then 0.9 s more: over the 3 s bound
        }
        assertThat(playback.dropped()).isEqualTo(10);
        assertThat(playback.skippedCheckpoints()).containsExactly(2L);
        assertThat(playback.lagNanos(0)).isLessThanOrEqualTo(3 * SECOND);
        playback.offer(sent(2, 200 * MS), SECOND); // a late event of a skipped checkpoint: never shown in part
        List<BarrierPlayback.Scheduled> played = playback.due(5 * SECOND);
        assertThat(played).hasSize(20).allMatch(s -> ((BarrierTrace) s.event()).checkpointId() == 1);
        assertThat(played.get(19).dueNanos()).isEqualTo(1900 * MS);

        // the next checkpoint that arrives while there is room plays, from now
        playback.offer(sent(3, 400 * MS), 6 * SECOND);
        playback.offer(sent(3, 401 * MS), 6 * SECOND);
        assertThat(dues(playback.due(10 * SECOND))).containsExactly(6 * SECOND, 6 * SECOND + 100 * MS);
    }

    @Test
    void theQueueNeverHoldsMoreThanItsBound() {
        BarrierPlayback playback = new BarrierPlayback(1, 1200 * MS, 3 * SECOND, 50);
        for (int i = 0; i < 200; i++) {
            playback.offer(sent(7, i * MS), 0);
            assertThat(playback.pending()).isLessThanOrEqualTo(50);
        }
        assertThat(playback.skippedCheckpoints()).containsExactly(7L);
        assertThat(playback.dropped()).isEqualTo(200);
        playback.offer(sent(8, 300 * MS), 0);
        assertThat(playback.pending()).isEqualTo(1);
    }

    @Test
    void theCoordinatorsEventsArePlacedOnTheTracesClockAndAnArrivalCanBeLookedUp() {
        BarrierPlayback playback = new BarrierPlayback(100, 2 * SECOND, 60 * SECOND, 1000);
        long epochMs = 1_700_000_000_000L;
        long nanos = 42 * SECOND;
        playback.offer(new BarrierTrace.AckSent(epochMs, nanos, 3, "sum", 1, 100, 0), 0);
        playback.offer(new EngineEvent.CheckpointAcknowledged(epochMs + 2, 3, "sum", 1, 0, 0, 0, 0, 100, false), 0);
        assertThat(playback.dueOf(e -> e instanceof EngineEvent.CheckpointAcknowledged a && a.subtask() == 1)).hasValue(200 * MS);
        assertThat(playback.dueOf(e -> e instanceof EngineEvent.CheckpointCompleted)).isEmpty();
        // an event stamped earlier than what was already played is never scheduled before it
        playback.offer(new EngineEvent.CheckpointTriggered(epochMs - 5, 4, false, false), 0);
        assertThat(dues(playback.due(SECOND))).containsExactly(0L, 200 * MS, 200 * MS);
    }
}
