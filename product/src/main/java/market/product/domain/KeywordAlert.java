package market.product.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "keyword_alert")
public class KeywordAlert extends PanacheEntityBase {

    public static final int MAX_PER_USER = 30;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String keyword;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
