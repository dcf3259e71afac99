package io.checkpointstudio.app;

import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The GUI tests' two moves: do something on the JavaFX thread and wait for its answer, and wait until a
 * condition read on the JavaFX thread holds. Generous limits: the machine is shared and the first window of
 * a test run starts the toolkit.
 */
public final class Fx {
    private static final long FX_SECONDS = 30;
    private static final long AWAIT_SECONDS = 60;

    private Fx() {
    }

    /** Runs {@code work} on the JavaFX thread and returns its result (its exception, if it throws). */
    public static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(FX_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition}, read on the JavaFX thread, holds; then lets the JavaFX events settle. */
    public static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(AWAIT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** As {@link #await(Callable)}, failing with "timed out waiting until {@code what}". */
    public static void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(AWAIT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            fail("timed out waiting until " + what);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
