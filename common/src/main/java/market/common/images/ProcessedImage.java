package market.common.images;

/**
 * A photo ready to store: metadata removed. {@code thumbnail} is null when the original doubles as its
 * own thumbnail (WebP, which the JDK can not decode).
 */
public record ProcessedImage(
        ImageFormat format, byte[] bytes, byte[] thumbnail, String thumbnailType, int width, int height) {}
