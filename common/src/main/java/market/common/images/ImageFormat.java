package market.common.images;

/** The photo formats accepted, recognised by their first bytes, never by file name or declared type. */
public enum ImageFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp");

    private final String contentType;

    ImageFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** How many first bytes {@link #detect} needs to tell every format apart. */
    public static final int SIGNATURE_LENGTH = 12;

    /** The format with this content type, or null. */
    public static ImageFormat ofContentType(String contentType) {
        for (ImageFormat f : values()) {
            if (f.contentType.equals(contentType)) {
                return f;
            }
        }
        return null;
    }

    /** The format the bytes start with, or null. */
    public static ImageFormat detect(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return JPEG;
        }
        if (b.length >= 8
                && (b[0] & 0xff) == 0x89
                && b[1] == 'P'
                && b[2] == 'N'
                && b[3] == 'G'
                && b[4] == 0x0D
                && b[5] == 0x0A
                && b[6] == 0x1A
                && b[7] == 0x0A) {
            return PNG;
        }
        if (b.length >= 12
                && b[0] == 'R'
                && b[1] == 'I'
                && b[2] == 'F'
                && b[3] == 'F'
                && b[8] == 'W'
                && b[9] == 'E'
                && b[10] == 'B'
                && b[11] == 'P') {
            return WEBP;
        }
        return null;
    }
}
