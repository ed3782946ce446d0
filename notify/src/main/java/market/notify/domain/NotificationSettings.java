package market.notify.domain;

import java.time.OffsetDateTime;

/**
 * A user's choices; marketing (ads) is opt-in as the law requires, everything else opt-out.
 *
 * @param marketingNightAt since when night-time ads are consented to; null without night consent
 * @param version raised by every change; a PUT may name the version it read
 */
public record NotificationSettings(
        String userId,
        boolean chat,
        boolean activity,
        boolean keywords,
        boolean marketing,
        boolean marketingNight,
        OffsetDateTime marketingConsentedAt,
        OffsetDateTime marketingNightAt,
        OffsetDateTime updatedAt,
        int version) {}
