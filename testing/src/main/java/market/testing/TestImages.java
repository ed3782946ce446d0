package market.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Real image files made in memory, some carrying a recognisable fake GPS tag in their metadata. */
public final class TestImages {

    public static final String SECRET = "GPS-SECRET-37.4979N-127.0276E";

    private TestImages() {}

    public static BufferedImage picture(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        return img;
    }

    public static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG with an EXIF (APP1) segment holding the secret, placed after the JFIF header. */
    public static byte[] jpegWithExif(int w, int h) {
        byte[] jpeg = encode(picture(w, h, BufferedImage.TYPE_INT_RGB), "jpeg");
        int app0Length = ((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff);
        int insertAt = 4 + app0Length;
        byte[] payload = ("Exif\0\0MM\0*\0\0\0\u0008" + SECRET).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, insertAt);
        out.write(0xFF);
        out.write(0xE1);
        int len = payload.length + 2;
        out.write(len >> 8);
        out.write(len & 0xff);
        out.write(payload, 0, payload.length);
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }

    /** A JPEG whose EXIF says "rotate 90° clockwise to display" (Orientation 6), little-endian TIFF. */
    public static byte[] jpegWithOrientation(BufferedImage img, int orientation) {
        byte[] jpeg = encode(img, "jpeg");
        int app0Length = ((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff);
        int insertAt = 4 + app0Length;
        ByteBuffer tiff = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        tiff.putInt(0);
        byte[] payload = tiff.array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, insertAt);
        out.write(0xFF);
        out.write(0xE1);
        int len = payload.length + 2;
        out.write(len >> 8);
        out.write(len & 0xff);
        out.write(payload, 0, payload.length);
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }

    /** A PNG with alpha and a tEXt chunk holding the secret. */
    public static byte[] pngWithText(int w, int h) {
        byte[] png = encode(picture(w, h, BufferedImage.TYPE_INT_ARGB), "png");
        byte[] data = ("Comment\0" + SECRET).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        writeChunk(out, "tEXt", data);
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array(), 0, 4);
        out.write(t, 0, 4);
        out.write(data, 0, data.length);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array(), 0, 4);
    }

    /** An extended WebP (VP8X + lossless bitstream header) flagged and carrying EXIF and XMP chunks. */
    public static byte[] webpWithExif(int w, int h) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        byte[] vp8x = new byte[10];
        vp8x[0] = 0x08 | 0x04;
        put24(vp8x, 4, w - 1);
        put24(vp8x, 7, h - 1);
        riffChunk(body, "VP8X", vp8x);
        long bits = (w - 1) | ((long) (h - 1) << 14);
        byte[] vp8l =
                new byte[] {0x2F, (byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24), 0, 0};
        riffChunk(body, "VP8L", vp8l);
        riffChunk(body, "EXIF", ("MM\0*" + SECRET).getBytes(StandardCharsets.ISO_8859_1));
        riffChunk(body, "XMP ", ("<x:xmpmeta>" + SECRET + "</x:xmpmeta>").getBytes(StandardCharsets.ISO_8859_1));
        byte[] payload = body.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(payload.length)
                .put(payload);
        return out.array();
    }

    private static void riffChunk(ByteArrayOutputStream out, String fourcc, byte[] data) {
        out.writeBytes(fourcc.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(data.length)
                .array());
        out.writeBytes(data);
        if ((data.length & 1) == 1) {
            out.write(0);
        }
    }

    private static void put24(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >> 8);
        b[i + 2] = (byte) (v >> 16);
    }

    public static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
