package market.notify.domain;

import java.time.OffsetDateTime;
import java.util.Map;

/** One item of a user's inbox: a personal notification or a broadcast (notice, ad) the user may see. */
public record InboxItem(
        long id,
        String type,
        String title,
        String body,
        Map<String, String> data,
        boolean read,
        OffsetDateTime createdAt) {}
