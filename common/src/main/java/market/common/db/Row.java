package market.common.db;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The current row of a result, read by column name (or the alias the SQL gives it), never by position: a
 * column added to a query cannot shift what another read returns. Nullable reads return {@code null} for SQL
 * NULL; the primitive reads ({@link #getLong}, {@link #getInt}, {@link #getBoolean}) fail on NULL instead of
 * silently answering 0 or false.
 */
public final class Row {

    private final ResultSet rs;

    Row(ResultSet rs) {
        this.rs = rs;
    }

    public String string(String column) throws SQLException {
        return rs.getString(column);
    }

    public long getLong(String column) throws SQLException {
        long v = rs.getLong(column);
        if (rs.wasNull()) {
            throw new SQLException("Column " + column + " is NULL");
        }
        return v;
    }

    public Long nullableLong(String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public int getInt(String column) throws SQLException {
        int v = rs.getInt(column);
        if (rs.wasNull()) {
            throw new SQLException("Column " + column + " is NULL");
        }
        return v;
    }

    public Integer nullableInt(String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    public boolean getBoolean(String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        if (rs.wasNull()) {
            throw new SQLException("Column " + column + " is NULL");
        }
        return v;
    }

    public Boolean nullableBoolean(String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    public Double nullableDouble(String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    public BigDecimal decimal(String column) throws SQLException {
        return rs.getBigDecimal(column);
    }

    public UUID uuid(String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public byte[] bytes(String column) throws SQLException {
        return rs.getBytes(column);
    }

    /** A {@code timestamptz} as UTC (the API's timestamps are all UTC). */
    public OffsetDateTime time(String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    public Instant instant(String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** An enum stored as its name; {@code null} for SQL NULL. */
    public <E extends Enum<E>> E enumValue(String column, Class<E> type) throws SQLException {
        String name = rs.getString(column);
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** A {@code text[]}/{@code varchar[]} column; {@code null} for SQL NULL. */
    public String[] strings(String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return null;
        }
        try {
            Object[] values = (Object[]) a.getArray();
            String[] out = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i] == null ? null : values[i].toString();
            }
            return out;
        } finally {
            a.free();
        }
    }

    /** A {@code bigint[]} column; {@code null} for SQL NULL. */
    public long[] longs(String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return null;
        }
        try {
            Object[] values = (Object[]) a.getArray();
            long[] out = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = ((Number) values[i]).longValue();
            }
            return out;
        } finally {
            a.free();
        }
    }

    /** Whether the result has a column of this name (for a mapper shared by queries with optional columns). */
    public boolean has(String column) throws SQLException {
        var meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnLabel(i).equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }
}
