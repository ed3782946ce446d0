package market.product.service;

import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * A native statement built piece by piece with its positional arguments in text order, run with plain JDBC.
 * The hot read paths use it instead of Hibernate: one statement, no entity hydration, no JTA transaction
 * (an autocommit connection; a single statement is atomic on its own).
 */
final class Sql {

    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final StringBuilder text = new StringBuilder(512);
    private final List<Object> args = new ArrayList<>();

    Sql append(String fragment, Object... values) {
        text.append(fragment);
        for (Object v : values) {
            args.add(v);
        }
        return this;
    }

    Sql append(Sql other) {
        text.append(other.text);
        args.addAll(other.args);
        return this;
    }

    String text() {
        return text.toString();
    }

    /**
     * Runs the statement. The driver turns a statement it sees often into a server-side prepared one, and
     * PostgreSQL may then run it with a generic plan that does not know the argument values. With
     * {@code customPlan} the statement is never prepared that way and is planned with its values every
     * time, for statements whose best plan depends on them (a price range: a generic plan read 50,000
     * index entries through the price index for a 동네 + category + range feed page that the 동네 index
     * answers from 21).
     */
    <T> List<T> query(DataSource dataSource, boolean customPlan, RowReader<T> reader) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(text.toString())) {
            if (customPlan) {
                ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            for (int i = 0; i < args.size(); i++) {
                bind(ps, i + 1, args.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new PersistenceException("Query failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else if (v instanceof String s) {
            ps.setString(i, s);
        } else if (v instanceof Long l) {
            ps.setLong(i, l);
        } else if (v instanceof Integer n) {
            ps.setInt(i, n);
        } else if (v instanceof OffsetDateTime t) {
            ps.setObject(i, t);
        } else {
            throw new IllegalArgumentException("Unsupported argument type " + v.getClass());
        }
    }
}
