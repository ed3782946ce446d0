package market.common.db;

import java.sql.SQLException;

/** Maps the current row to one value: one mapper per record, reading the columns by name. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row) throws SQLException;
}
