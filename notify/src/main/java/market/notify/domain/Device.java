package market.notify.domain;

import java.time.OffsetDateTime;

/** A push token of a user's device; {@code ads}: subscribed (or being subscribed) to the ads topic. */
public record Device(
        String token, Platform platform, boolean ads, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
