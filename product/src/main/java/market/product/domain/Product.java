package market.product.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A listing. The counters are maintained by single-statement SQL increments and are never written back
 * from the entity, so an edit can not overwrite likes or views that happened meanwhile.
 */
@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {

    public static final long MAX_PRICE = 1_000_000_000L;
    public static final Duration BUMP_INTERVAL = Duration.ofHours(24);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "seller_id", nullable = false, updatable = false)
    public String sellerId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public long price;

    @Column(nullable = false)
    public boolean negotiable;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String region;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProductStatus status = ProductStatus.ON_SALE;

    @Column(name = "buyer_id")
    public String buyerId;

    @Column(name = "like_count", insertable = false, updatable = false)
    public int likeCount;

    @Column(name = "chat_count", insertable = false, updatable = false)
    public int chatCount;

    @Column(name = "comment_count", insertable = false, updatable = false)
    public int commentCount;

    @Column(name = "view_count", insertable = false, updatable = false)
    public int viewCount;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "bumped_at", nullable = false)
    public OffsetDateTime bumpedAt;

    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;

    @Version
    public int version;

    public boolean isOwnedBy(String userId) {
        return sellerId.equals(userId);
    }

    /** Who bought (or reserved) a listing is the two parties' business: anyone else sees no buyer. */
    public static String buyerShownTo(String sellerId, String buyerId, String callerId) {
        return callerId != null && (callerId.equals(sellerId) || callerId.equals(buyerId)) ? buyerId : null;
    }

    /** When the next 끌어올리기 is allowed. */
    public OffsetDateTime nextBumpAt() {
        return bumpedAt.plus(BUMP_INTERVAL);
    }
}
