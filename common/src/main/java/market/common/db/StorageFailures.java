package market.common.db;

import java.sql.SQLException;

/**
 * Classifies database failures found anywhere in an exception's cause chain, so every service answers them
 * the same way: the database refusing the client's value (SQLState class 22, e.g. a NUL character) is a
 * 400; the database being unreachable or shutting down (08xxx, 57P0x, a refused socket) is a 503.
 */
public final class StorageFailures {

    private StorageFailures() {}

    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    public static boolean isRejectedValue(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }
}
