package market.common.db;

import java.sql.SQLException;

/**
 * A statement that failed, with the driver's {@link SQLException} as its cause (its SQLState is what
 * {@link StorageFailures} classifies into 400/503 answers) and the statement's text (never its arguments:
 * they may be personal data) in the message.
 */
public class DataAccessException extends RuntimeException {

    public DataAccessException(String sql, SQLException cause) {
        super("SQL failed [" + cause.getSQLState() + "]: " + cause.getMessage() + " — " + oneLine(sql), cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }

    /** The SQLState of the failure (e.g. 23505 for a unique violation). */
    public String sqlState() {
        return sqlException().getSQLState();
    }

    public boolean isUniqueViolation() {
        return "23505".equals(sqlState());
    }

    private static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ").strip();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
