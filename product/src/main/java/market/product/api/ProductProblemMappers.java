package market.product.api;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.core.Response;
import market.common.api.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Failures specific to this service that the shared mappers would otherwise answer with a 500. */
public class ProductProblemMappers {

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

    private static Response conflict() {
        return Response.status(409)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(409, "Conflict", "The resource was changed meanwhile; reload and retry"))
                .build();
    }
}
