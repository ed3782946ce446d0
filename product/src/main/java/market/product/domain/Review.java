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
import java.time.OffsetDateTime;

@Entity
@Table(name = "review")
public class Review extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "product_id", nullable = false)
    public long productId;

    @Column(name = "reviewer_id", nullable = false)
    public String reviewerId;

    @Column(name = "reviewee_id", nullable = false)
    public String revieweeId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Rating rating;

    public String comment;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
