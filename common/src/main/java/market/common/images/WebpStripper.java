package market.common.images;

import java.io.ByteArrayOutputStream;

/**
 * Removes the EXIF and XMP chunks of a WebP (RIFF) file and clears their flags in the VP8X header,
 * reading the canvas size on the way. Image data chunks are copied unchanged.
 */
final class WebpStripper {

    private static final int VP8X_FLAG_EXIF = 0x08;
    private static final int VP8X_FLAG_XMP = 0x04;

    record Result(byte[] bytes, int width, int height) {}

    private WebpStripper() {}

    static Result strip(byte[] in) {
        if (in.length < 20) {
            throw ImageProcessor.unsupported();
        }
        long riffSize = le32(in, 4);
        int end = (int) Math.min(in.length, 8 + riffSize);
        ByteArrayOutputStream body = new ByteArrayOutputStream(in.length);
        body.write('W');
        body.write('E');
        body.write('B');
        body.write('P');
        int width = 0;
        int height = 0;
        boolean image = false;
        int pos = 12;
        while (pos + 8 <= end) {
            String fourcc = new String(in, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long size = le32(in, pos + 4);
            long padded = size + (size & 1);
            if (pos + 8 + size > end) {
                throw ImageProcessor.unsupported();
            }
            int dataStart = pos + 8;
            switch (fourcc) {
                case "EXIF", "XMP " -> {
                    pos += 8 + (int) Math.min(padded, end - pos - 8);
                    continue;
                }
                case "VP8X" -> {
                    if (size < 10) {
                        throw ImageProcessor.unsupported();
                    }
                    width = 1 + le24(in, dataStart + 4);
                    height = 1 + le24(in, dataStart + 7);
                }
                case "VP8 " -> {
                    image = true;
                    if (width == 0 && size >= 10) {
                        width = le16(in, dataStart + 6) & 0x3FFF;
                        height = le16(in, dataStart + 8) & 0x3FFF;
                    }
                }
                case "VP8L" -> {
                    image = true;
                    if (width == 0 && size >= 5 && (in[dataStart] & 0xff) == 0x2F) {
                        long bits = le32(in, dataStart + 1);
                        width = (int) (bits & 0x3FFF) + 1;
                        height = (int) ((bits >> 14) & 0x3FFF) + 1;
                    }
                }
                case "ANMF" -> image = true;
                default -> {}
            }
            int copy = (int) Math.min(8 + padded, end - pos);
            byte[] chunk = java.util.Arrays.copyOfRange(in, pos, pos + copy);
            if (fourcc.equals("VP8X")) {
                chunk[8] = (byte) (chunk[8] & ~(VP8X_FLAG_EXIF | VP8X_FLAG_XMP));
            }
            body.write(chunk, 0, chunk.length);
            pos += copy;
        }
        if (!image || width <= 0 || height <= 0) {
            throw ImageProcessor.unsupported();
        }
        byte[] payload = body.toByteArray();
        byte[] out = new byte[8 + payload.length];
        out[0] = 'R';
        out[1] = 'I';
        out[2] = 'F';
        out[3] = 'F';
        int size = payload.length;
        out[4] = (byte) size;
        out[5] = (byte) (size >> 8);
        out[6] = (byte) (size >> 16);
        out[7] = (byte) (size >> 24);
        System.arraycopy(payload, 0, out, 8, payload.length);
        return new Result(out, width, height);
    }

    private static long le32(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24;
    }

    private static int le24(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16;
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }
}
