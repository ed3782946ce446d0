package market.common.api;

import jakarta.ws.rs.core.Response;
import market.common.images.PhotoObjects;

/**
 * The answer that carries a photo's bytes (listing photos, chat photos). Only our own record decides the content
 * type (one of the accepted image types), no header of the store is passed on, and the browser is told not to sniff
 * and to treat the bytes as a sandboxed document: a photo can never run script on this origin.
 */
public final class PhotoResponses {

    /** A photo is rendered as an image, never as a document that could script or frame anything. */
    public static final String CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

    private PhotoResponses() {}

    /** 200 with the photo's bytes, streamed; {@code cacheControl} says who may keep it. */
    public static Response ok(PhotoObjects.Opened photo, String cacheControl) {
        Response.ResponseBuilder rb = Response.ok(photo.stream(), photo.format().contentType())
                .header("Cache-Control", cacheControl)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CSP)
                .header("Content-Disposition", "inline");
        if (cacheControl.startsWith("private")) {
            // a photo only some accounts may see: a browser's cache must not answer another account with it
            rb.header("Vary", "Authorization");
        }
        if (photo.length() != null) {
            rb.header("Content-Length", photo.length());
        }
        return rb.build();
    }
}
