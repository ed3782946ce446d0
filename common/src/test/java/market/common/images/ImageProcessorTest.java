package market.common.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import market.common.api.ApiException;
import market.testing.TestImages;
import org.junit.jupiter.api.Test;

/** The photo pipeline on real image files made in memory. */
class ImageProcessorTest {

    private final ImageProcessor processor = new ImageProcessor();

    @Test
    void formatsAreRecognisedByContent() {
        assertEquals(ImageFormat.JPEG, ImageFormat.detect(TestImages.jpegWithExif(8, 8)));
        assertEquals(ImageFormat.PNG, ImageFormat.detect(TestImages.pngWithText(8, 8)));
        assertEquals(ImageFormat.WEBP, ImageFormat.detect(TestImages.webpWithExif(8, 8)));
        assertNull(ImageFormat.detect("GIF89a....".getBytes(StandardCharsets.US_ASCII)));
        assertNull(ImageFormat.detect(new byte[0]));
        assertEquals(
                415,
                assertThrows(ApiException.class, () -> processor.process("<html>".getBytes(StandardCharsets.US_ASCII)))
                        .status());
    }

    @Test
    void phonePhotosAreTurnedUprightBeforeTheirExifIsDropped() throws IOException {
        BufferedImage sensor = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sensor.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 20, 20);
        g.setColor(Color.BLUE);
        g.fillRect(20, 0, 20, 20);
        g.dispose();
        ProcessedImage out = processor.process(TestImages.jpegWithOrientation(sensor, 6));
        assertEquals(20, out.width());
        assertEquals(40, out.height());
        assertFalse(TestImages.contains(out.bytes(), "Exif"));
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(out.bytes()));
        assertEquals(20, upright.getWidth());
        Color top = new Color(upright.getRGB(10, 8));
        Color bottom = new Color(upright.getRGB(10, 32));
        assertTrue(top.getRed() > 200 && top.getBlue() < 60, "left of the sensor image is the top: " + top);
        assertTrue(bottom.getBlue() > 200 && bottom.getRed() < 60, "right is the bottom: " + bottom);
    }

    @Test
    void webpVariantsAndBrokenContainers() {
        ProcessedImage webp = processor.process(TestImages.webpWithExif(100, 50));
        assertEquals(100, webp.width());
        assertEquals(50, webp.height());
        assertNull(webp.thumbnail());
        assertFalse(TestImages.contains(webp.bytes(), TestImages.SECRET));
        byte[] truncated = java.util.Arrays.copyOf(TestImages.webpWithExif(10, 10), 30);
        assertEquals(
                415,
                assertThrows(ApiException.class, () -> processor.process(truncated))
                        .status());
    }

    @Test
    void decompressionBombsAreRefused() {
        // a tiny PNG header that declares 20000 x 20000 pixels
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        byte[] png = TestImages.encode(img, "png");
        java.nio.ByteBuffer.wrap(png, 16, 8).putInt(20_000).putInt(20_000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);
        java.nio.ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        assertEquals(
                422,
                assertThrows(ApiException.class, () -> processor.process(png)).status());
    }
}
