package market.notify.api;

import java.time.OffsetDateTime;

public record NoticeView(long id, String type, String title, String body, String link, String status,
        OffsetDateTime scheduledAt, OffsetDateTime sentAt, OffsetDateTime createdAt, Stats stats) {

    public record Stats(int targeted, int sent, int failed) {}
}
