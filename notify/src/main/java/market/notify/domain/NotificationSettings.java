package market.notify.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A user's choices; marketing (ads) is opt-in as the law requires, everything else opt-out. */
@Entity
@Table(name = "notification_settings")
public class NotificationSettings extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    public boolean chat = true;
    public boolean activity = true;
    public boolean keywords = true;
    public boolean marketing;

    @Column(name = "marketing_night")
    public boolean marketingNight;

    @Column(name = "marketing_consented_at")
    public OffsetDateTime marketingConsentedAt;

    /** Since when night-time ads are consented to; null without night consent. */
    @Column(name = "marketing_night_at")
    public OffsetDateTime marketingNightAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public int version;
}
