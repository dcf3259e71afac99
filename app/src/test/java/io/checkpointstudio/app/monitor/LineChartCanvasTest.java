package io.checkpointstudio.app.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.session.TimeSeries;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.util.WaitForAsyncUtils;

class LineChartCanvasTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.bareStage();
    private final LineChartCanvas chart = new LineChartCanvas(Readable::rate);

    @BeforeEach
    void show() throws Exception {
        gui.show(() -> new StackPane(chart), 600, 200);
    }

    @Test
    void anHourAtTenSamplesASecondIsDrawnFromAFewPointsPerPixel() throws Exception {
        TimeSeries series = new TimeSeries();
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < 36_000; i++) {
            series.add(t0 + i * 100L, 1000 + (i % 50));
        }
        WaitForAsyncUtils.asyncFx(() -> chart.show(List.of(new LineChartCanvas.Line("clicks", series, 0)), t0, t0 + 3_600_000))
                .get(30, TimeUnit.SECONDS);
        int drawn = WaitForAsyncUtils.asyncFx(chart::drawnPoints).get(30, TimeUnit.SECONDS);
        double width = WaitForAsyncUtils.asyncFx(chart::getWidth).get(30, TimeUnit.SECONDS);
        assertThat(width).isPositive();
        assertThat(drawn).isGreaterThan(100).isLessThanOrEqualTo((int) width).isLessThan(36_000 / 10);

        // the last five minutes of the same series: still bounded by the width
        WaitForAsyncUtils.asyncFx(() -> chart.show(chart.lines(), t0 + 3_300_000, t0 + 3_600_000)).get(30, TimeUnit.SECONDS);
        assertThat(WaitForAsyncUtils.asyncFx(chart::drawnPoints).get(30, TimeUnit.SECONDS)).isLessThanOrEqualTo((int) width);
    }

    @Test
    void theYAxisEndsOnARoundNumber() {
        assertThat(LineChartCanvas.niceMax(0)).isEqualTo(1);
        assertThat(LineChartCanvas.niceMax(0.83)).isEqualTo(1);
        assertThat(LineChartCanvas.niceMax(93_000)).isEqualTo(100_000);
        assertThat(LineChartCanvas.niceMax(2_100)).isEqualTo(2_500);
        assertThat(LineChartCanvas.niceBinaryMax(160 * 1024)).isEqualTo(200 * 1024);
        assertThat(LineChartCanvas.niceBinaryMax(3.5 * 1024 * 1024)).isEqualTo(5 * 1024 * 1024);
    }
}
