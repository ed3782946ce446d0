package market.product.domain;

import java.time.OffsetDateTime;

/** A listing's photo; the keys are random UUIDs, never derived from the uploaded file name. */
public record ProductImage(
        long id,
        long productId,
        String objectKey,
        String thumbKey,
        String contentType,
        String thumbContentType,
        int width,
        int height,
        long sizeBytes,
        OffsetDateTime createdAt) {

    public static final int MAX_PER_PRODUCT = 10;
}
