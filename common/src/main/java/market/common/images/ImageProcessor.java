package market.common.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import market.common.api.ApiException;

/**
 * Checks an uploaded photo by its content, removes its metadata (EXIF with GPS position, XMP, text
 * chunks) and makes a thumbnail. JPEG and PNG are decoded and re-encoded, which keeps only pixels (a JPEG
 * is first turned upright by its EXIF orientation); WebP
 * is not decodable by the JDK, so its EXIF and XMP chunks are cut out of the RIFF container byte-wise and
 * the cleaned original serves as its own thumbnail.
 *
 * <p>One pipeline for every photo the marketplace takes (listing photos in product, chat photos in chat). Stateless
 * and thread-safe; not a CDI bean, so that a service without photos (notify) needs neither the metadata reader nor
 * the AWT codecs: a service that takes photos holds its own instance.
 */
public final class ImageProcessor {

    public static final int THUMBNAIL_SIZE = 320;
    /** Decompression bombs: a small file can declare an enormous canvas. */
    public static final long MAX_PIXELS = 50_000_000L;

    static {
        ImageIO.setUseCache(false);
    }

    public ProcessedImage process(byte[] data) {
        ImageFormat format = ImageFormat.detect(data);
        if (format == null) {
            throw unsupported();
        }
        if (format == ImageFormat.WEBP) {
            WebpStripper.Result r = WebpStripper.strip(data);
            checkPixels(r.width(), r.height());
            return new ProcessedImage(format, r.bytes(), null, format.contentType(), r.width(), r.height());
        }
        BufferedImage image = decode(data, format);
        if (format == ImageFormat.JPEG) {
            image = ExifOrientation.apply(image, ExifOrientation.of(data));
        }
        byte[] clean = format == ImageFormat.JPEG ? jpeg(toRgb(image, Color.BLACK), 0.9f) : png(image);
        byte[] thumb = jpeg(thumbnail(image), 0.8f);
        return new ProcessedImage(
                format, clean, thumb, ImageFormat.JPEG.contentType(), image.getWidth(), image.getHeight());
    }

    private static BufferedImage decode(byte[] data, ImageFormat format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers =
                    ImageIO.getImageReadersByFormatName(format.name().toLowerCase());
            if (!readers.hasNext()) {
                throw unsupported();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                checkPixels(reader.getWidth(0), reader.getHeight(0));
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw unsupported();
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            // A truncated or corrupt file, or a variant the JDK codec can not read (e.g. CMYK JPEG).
            throw unsupported();
        }
    }

    private static void checkPixels(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw unsupported();
        }
        if ((long) width * height > MAX_PIXELS) {
            throw ApiException.unprocessable("The image has more than " + MAX_PIXELS + " pixels");
        }
    }

    private static BufferedImage thumbnail(BufferedImage src) {
        double scale = Math.min(1.0, (double) THUMBNAIL_SIZE / Math.max(src.getWidth(), src.getHeight()));
        int w = Math.max(1, (int) Math.round(src.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(src.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** JPEG has no alpha; anything else is flattened onto the given background. */
    private static BufferedImage toRgb(BufferedImage src, Color background) {
        int type = src.getType();
        if (type == BufferedImage.TYPE_3BYTE_BGR
                || type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_BYTE_GRAY) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(background);
            g.fillRect(0, 0, src.getWidth(), src.getHeight());
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw unsupported();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ApiException unsupported() {
        return new ApiException(
                415, "Unsupported Media Type", "Photos must be JPEG, PNG or WebP images (checked by content)");
    }
}
