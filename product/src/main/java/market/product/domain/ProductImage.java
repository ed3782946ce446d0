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
@Table(name = "product_image")
public class ProductImage extends PanacheEntityBase {

    public static final int MAX_PER_PRODUCT = 10;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "product_id", nullable = false)
    public long productId;

    /** Random UUID, never derived from the uploaded file name. */
    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(name = "thumb_key", nullable = false)
    public String thumbKey;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "thumb_content_type", nullable = false)
    public String thumbContentType;

    public int width;

    public int height;

    @Column(name = "size_bytes")
    public long sizeBytes;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
