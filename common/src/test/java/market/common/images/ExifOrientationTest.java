package market.common.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which way a JPEG's EXIF says to turn it, read from real JPEG files made in memory. */
class ExifOrientationTest {

    private static final byte[] PLAIN = plainJpeg();

    static Stream<Arguments> jpegs() {
        Stream<Arguments> tagged = Stream.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)
                .flatMap(order -> IntStream.rangeClosed(1, 8)
                        .mapToObj(o ->
                                Arguments.of("Orientation " + o + ", " + order, withApp1(exif(order, 0x0112, o)), o)));
        byte[] truncated = withApp1(exif(ByteOrder.BIG_ENDIAN, 0x0112, 6));
        return Stream.concat(
                tagged,
                Stream.of(
                        Arguments.of("no EXIF segment", PLAIN, 1),
                        Arguments.of(
                                "Orientation 0 is out of range", withApp1(exif(ByteOrder.BIG_ENDIAN, 0x0112, 0)), 1),
                        Arguments.of(
                                "Orientation 9 is out of range", withApp1(exif(ByteOrder.LITTLE_ENDIAN, 0x0112, 9)), 1),
                        Arguments.of(
                                "EXIF without an Orientation tag", withApp1(exif(ByteOrder.BIG_ENDIAN, 0x010F, 6)), 1),
                        Arguments.of(
                                "APP1 that is not EXIF (XMP)",
                                withApp1("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"
                                        .getBytes(StandardCharsets.ISO_8859_1)),
                                1),
                        Arguments.of(
                                "EXIF whose IFD is text",
                                withApp1("Exif\0\0MM\0*\0\0\0\u0008GPS-SECRET-37.4979N"
                                        .getBytes(StandardCharsets.ISO_8859_1)),
                                1),
                        Arguments.of("IFD offset past the segment", withApp1(exifIfdAt(ByteOrder.BIG_ENDIAN, 4096)), 1),
                        Arguments.of(
                                "file cut inside the EXIF segment", Arrays.copyOf(truncated, 2 + 4 + 6 + 8 + 5), 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jpegs")
    void orientationOfAJpeg(String name, byte[] jpeg, int expected) {
        assertEquals(expected, ExifOrientation.of(jpeg));
    }

    private static byte[] plainJpeg() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** "Exif\0\0" and a TIFF header whose first IFD holds one SHORT entry. */
    private static byte[] exif(ByteOrder order, int tag, int value) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(order);
        b.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        b.put(
                order == ByteOrder.LITTLE_ENDIAN
                        ? "II".getBytes(StandardCharsets.ISO_8859_1)
                        : "MM".getBytes(StandardCharsets.ISO_8859_1));
        b.putShort((short) 42).putInt(8);
        b.putShort((short) 1);
        b.putShort((short) tag)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) value)
                .putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    private static byte[] exifIfdAt(ByteOrder order, int offset) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8).order(order);
        b.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        b.put("MM".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 42).putInt(offset);
        return b.array();
    }

    /** The JPEG with an APP1 segment holding the payload, right after SOI. */
    private static byte[] withApp1(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PLAIN, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        int len = payload.length + 2;
        out.write(len >> 8);
        out.write(len & 0xff);
        out.write(payload, 0, payload.length);
        out.write(PLAIN, 2, PLAIN.length - 2);
        return out.toByteArray();
    }
}
