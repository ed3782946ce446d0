package market.notify.domain;

import java.time.OffsetDateTime;

/**
 * A notice or ad as admins see it. Stats count recipients (users): targeted = selected when it went out,
 * sent = whose push FCM accepted (or who have no device and got the inbox item), failed = given up.
 * heldUntil: an ad's night-time round for users without night consent, due at 08:00 KST.
 */
public record NoticeView(
        long id,
        String type,
        String title,
        String body,
        String link,
        String status,
        OffsetDateTime scheduledAt,
        OffsetDateTime sentAt,
        OffsetDateTime createdAt,
        OffsetDateTime heldUntil,
        Stats stats) {

    public record Stats(int targeted, int sent, int failed) {}
}
