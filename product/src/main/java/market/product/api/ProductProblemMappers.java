package market.product.api;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.jboss.logging.Logger;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.core.Response;
import market.common.api.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Failures specific to this service that the shared mappers would otherwise answer with a 500. */
public class ProductProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProductProblemMappers.class);

    /** Two edits raced past the version check: the later one loses, as with a stale version. */
    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e) {
        return conflict();
    }

    @ServerExceptionMapper
    public Response staleState(org.hibernate.StaleStateException e) {
        return conflict();
    }

    @ServerExceptionMapper
    public Response pessimisticLock(PessimisticLockException e) {
        return conflict();
    }

    /**
     * PostgreSQL refuses some text no validation annotation describes (a NUL character, class 22 "data
     * exception"): that is the client's input, so 400, never 500.
     */
    @ServerExceptionMapper
    public Response persistence(PersistenceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return Response.status(400).type(Problem.MEDIA_TYPE).entity(Problem.of(400, "Bad Request",
                        "A value contains characters that can not be stored")).build();
            }
        }
        LOG.error("Unhandled persistence failure", e);
        return Response.status(500).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(500, "Internal Server Error", "Something went wrong on our side")).build();
    }

    private static Response conflict() {
        return Response.status(409).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(409, "Conflict", "The resource was changed meanwhile; reload and retry")).build();
    }
}
