package market.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * The one way the services reach PostgreSQL: plain JDBC statements ({@link Sql}), rows read by column name
 * ({@link Row}) and mapped by one {@link RowMapper} per record. No ORM, no entity state: what a method does to
 * the database is the SQL written in it.
 *
 * <p>Transactions: inside a {@code @Transactional} method the pool hands out the connection enlisted in that
 * transaction, so every statement of the method commits or rolls back together; outside one, each statement
 * runs on an autocommit connection and is atomic on its own (the hot single-statement paths: the feed, a chat
 * message).
 */
@ApplicationScoped
public class Db {

    /** Work on one connection, for the rare sequence that must share a session outside a transaction. */
    @FunctionalInterface
    public interface ConnectionWork<R> {
        R run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    @Inject
    public Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** All rows. */
    public <T> List<T> list(Sql sql, RowMapper<T> mapper) {
        return withConnection(sql.text(), c -> query(c, sql, mapper, Integer.MAX_VALUE));
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        return list(Sql.of(sql, args), mapper);
    }

    /** The row, or empty; a second row is a bug in the statement and fails. */
    public <T> Optional<T> optional(Sql sql, RowMapper<T> mapper) {
        List<T> rows = withConnection(sql.text(), c -> query(c, sql, mapper, 2));
        if (rows.size() > 1) {
            throw new IllegalStateException("Expected at most one row: " + sql.text());
        }
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public <T> Optional<T> optional(String sql, RowMapper<T> mapper, Object... args) {
        return optional(Sql.of(sql, args), mapper);
    }

    /** Exactly one row (a count, an INSERT … RETURNING); none fails. */
    public <T> T single(Sql sql, RowMapper<T> mapper) {
        return optional(sql, mapper).orElseThrow(() -> new IllegalStateException("Expected one row: " + sql.text()));
    }

    public <T> T single(String sql, RowMapper<T> mapper, Object... args) {
        return single(Sql.of(sql, args), mapper);
    }

    /** An INSERT/UPDATE/DELETE (or a SELECT of a function for its effect); the number of rows changed. */
    public int update(Sql sql) {
        return withConnection(sql.text(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.text())) {
                bindAll(c, ps, sql.args());
                return ps.executeUpdate();
            }
        });
    }

    public int update(String sql, Object... args) {
        return update(Sql.of(sql, args));
    }

    /** One statement run for each argument row in one round trip; the rows changed per argument row. */
    public int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return withConnection(sql, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bindAll(c, ps, Arrays.asList(row));
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
    }

    /** Runs {@code work} on one connection (the transaction's, inside one). */
    public <R> R withConnection(ConnectionWork<R> work) {
        return withConnection("(connection work)", work);
    }

    /** Runs {@code work} on one connection; a failure names {@code what} (the statement) in its message. */
    public <R> R withConnection(String what, ConnectionWork<R> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(what, e);
        }
    }

    /** Runs a query on a connection the caller holds (inside {@link #withConnection}). */
    public static <T> List<T> query(Connection c, Sql sql, RowMapper<T> mapper, int maxRows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.text())) {
            if (sql.isCustomPlan()) {
                ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            if (maxRows != Integer.MAX_VALUE) {
                ps.setMaxRows(maxRows);
            }
            bindAll(c, ps, sql.args());
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                Row row = new Row(rs);
                while (rs.next()) {
                    rows.add(mapper.map(row));
                }
            }
            return rows;
        }
    }

    private static void bindAll(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            bind(c, ps, i + 1, args.get(i));
        }
    }

    static void bind(Connection c, PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NULL);
        } else if (v instanceof String s) {
            ps.setString(i, s);
        } else if (v instanceof Long l) {
            ps.setLong(i, l);
        } else if (v instanceof Integer n) {
            ps.setInt(i, n);
        } else if (v instanceof Short n) {
            ps.setShort(i, n);
        } else if (v instanceof Boolean b) {
            ps.setBoolean(i, b);
        } else if (v instanceof Double d) {
            ps.setDouble(i, d);
        } else if (v instanceof BigDecimal d) {
            ps.setBigDecimal(i, d);
        } else if (v instanceof byte[] b) {
            ps.setBytes(i, b);
        } else if (v instanceof UUID || v instanceof OffsetDateTime) {
            ps.setObject(i, v);
        } else if (v instanceof Instant t) {
            ps.setObject(i, t.atOffset(ZoneOffset.UTC));
        } else if (v instanceof Enum<?> e) {
            ps.setString(i, e.name());
        } else if (v instanceof long[] a) {
            Long[] boxed = new Long[a.length];
            for (int k = 0; k < a.length; k++) {
                boxed[k] = a[k];
            }
            ps.setArray(i, c.createArrayOf("int8", boxed));
        } else if (v instanceof int[] a) {
            Integer[] boxed = new Integer[a.length];
            for (int k = 0; k < a.length; k++) {
                boxed[k] = a[k];
            }
            ps.setArray(i, c.createArrayOf("int4", boxed));
        } else if (v instanceof Long[] a) {
            ps.setArray(i, c.createArrayOf("int8", a));
        } else if (v instanceof String[] a) {
            ps.setArray(i, c.createArrayOf("text", a));
        } else {
            throw new IllegalArgumentException("Unsupported SQL argument type " + v.getClass());
        }
    }
}
