package market.product.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

@Entity
@Table(name = "user_profile")
public class Profile extends PanacheEntityBase {

    public static final BigDecimal INITIAL_TEMPERATURE = new BigDecimal("36.5");

    @Id
    public String id;

    @Column(nullable = false)
    public String nickname;

    public String region;

    /** Moved only by reviews, with a single SQL update, so a profile edit never writes it back. */
    @Column(name = "manner_temperature", nullable = false, insertable = false, updatable = false)
    public BigDecimal mannerTemperature = INITIAL_TEMPERATURE;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public int version;
}
