package market.product.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import market.common.db.Db;
import market.common.db.Row;
import market.product.domain.Region;

/** The 행정동 table (loaded by migrations from product/regions/regions.csv; read-only for the service). */
@ApplicationScoped
public class RegionStore {

    private final Db db;

    public RegionStore(Db db) {
        this.db = db;
    }

    private static Region region(Row r) throws SQLException {
        return new Region(
                r.string("code"),
                r.string("sido"),
                r.string("sigungu"),
                r.string("dong"),
                r.nullableDouble("lat"),
                r.nullableDouble("lng"),
                r.getBoolean("retired"));
    }

    /** Every region, retired ones too, in code order. */
    public List<Region> all() {
        return db.list(
                "SELECT code, sido, sigungu, dong, lat, lng, retired_at IS NOT NULL AS retired FROM region ORDER BY code",
                RegionStore::region);
    }
}
