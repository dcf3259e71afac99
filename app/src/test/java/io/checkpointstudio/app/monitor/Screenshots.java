package io.checkpointstudio.app.monitor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Writes a scene as a PNG when {@code -Dcs.screenshots=<folder>} is given, to look at the layout; otherwise does nothing. */
public final class Screenshots {
    private Screenshots() {
    }

    public static void take(Scene scene, String name) throws Exception {
        String folder = System.getProperty("cs.screenshots");
        if (folder == null || folder.isBlank()) {
            return;
        }
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path dir = Path.of(folder);
        Files.createDirectories(dir);
        try {
            ImageIO.write(out, "png", dir.resolve(name + ".png").toFile());
        } catch (IOException e) {
            System.err.println("screenshot " + name + ": " + e);
        }
    }
}
