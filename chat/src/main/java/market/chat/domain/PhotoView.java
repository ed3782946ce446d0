package market.chat.domain;

/**
 * One photo of a PHOTO message. Both URLs are {@code /api/chat/photos/{key}}, served only to the room's two parties
 * with their bearer token (an {@code <img src>} cannot send it: clients fetch the bytes and show them).
 */
public record PhotoView(String url, String thumbnailUrl, int width, int height) {

    /** Where a photo's bytes are served, by the random part of its object key. */
    public static final String PATH = "/api/chat/photos/";

    public static String url(String key) {
        return PATH + key;
    }
}
