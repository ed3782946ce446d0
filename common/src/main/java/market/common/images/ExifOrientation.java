package market.common.images;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Phones store photos as the sensor saw them and put the way to turn them in the EXIF Orientation tag.
 * Stripping EXIF would lose that, so the pixels are turned first and the photo shows upright without it.
 */
final class ExifOrientation {

    private ExifOrientation() {}

    /** The Orientation (1..8) of a JPEG's EXIF segment; 1 (as stored) when absent or unreadable. */
    static int of(byte[] jpeg) {
        Metadata metadata;
        try {
            metadata = JpegMetadataReader.readMetadata(new ByteArrayInputStream(jpeg), List.of(new ExifReader()));
        } catch (JpegProcessingException | IOException e) {
            // unreadable EXIF is treated like none: the decoder decides whether the image itself is usable
            return 1;
        }
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        Integer value = ifd0 == null ? null : ifd0.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
        return value != null && value >= 1 && value <= 8 ? value : 1;
    }

    /** The image turned/flipped as the Orientation value says, so that it no longer needs the tag. */
    static BufferedImage apply(BufferedImage src, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        BufferedImage out = new BufferedImage(
                swap ? h : w,
                swap ? w : h,
                src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            src.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int nx;
                int ny;
                switch (orientation) {
                    case 2 -> {
                        nx = w - 1 - x;
                        ny = y;
                    }
                    case 3 -> {
                        nx = w - 1 - x;
                        ny = h - 1 - y;
                    }
                    case 4 -> {
                        nx = x;
                        ny = h - 1 - y;
                    }
                    case 5 -> {
                        nx = y;
                        ny = x;
                    }
                    case 6 -> {
                        nx = h - 1 - y;
                        ny = x;
                    }
                    case 7 -> {
                        nx = h - 1 - y;
                        ny = w - 1 - x;
                    }
                    default -> {
                        nx = y;
                        ny = w - 1 - x;
                    }
                }
                out.setRGB(nx, ny, row[x]);
            }
        }
        return out;
    }
}
