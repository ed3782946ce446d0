package market.chat.api;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import market.common.api.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A database outage is ours, not the client's: answer 503 with Retry-After so clients (and the WebSocket
 * path, which shares the classification) retry, instead of a 500.
 */
public class StorageProblems {

    private static final Logger LOG = Logger.getLogger(StorageProblems.class);

    @ServerExceptionMapper
    public Response persistence(PersistenceException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    public Response sql(SQLException e) {
        return answer(e);
    }

    private static Response answer(Exception e) {
        if (isUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(Problem.of(503, "Service Unavailable", "Chat storage is unavailable; try again shortly"))
                    .build();
        }
        LOG.error("Unhandled storage failure", e);
        return Response.status(500).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(500, "Internal Server Error", "Something went wrong on our side")).build();
    }

    /** Connection-class failures (SQLState 08xxx, server shutting down 57P0x, refused sockets). */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}
