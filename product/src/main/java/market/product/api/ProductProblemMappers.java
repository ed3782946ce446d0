package market.product.api;

import jakarta.ws.rs.core.Response;
import market.common.api.Problem;
import market.common.api.ProblemMappers;
import market.common.db.DataAccessException;
import market.product.domain.ChangedMeanwhile;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Failures specific to this service that the shared mappers would otherwise answer with a 500. */
public class ProductProblemMappers {

    /** PostgreSQL's "deadlock detected": the transaction chosen as the victim was rolled back. */
    private static final String DEADLOCK = "40P01";

    private final ProblemMappers shared = new ProblemMappers();

    /** Two edits raced past the version check: the later one loses, as with a stale version. */
    @ServerExceptionMapper
    public Response changedMeanwhile(ChangedMeanwhile e) {
        return conflict();
    }

    /**
     * Two transactions waited on each other's row locks and PostgreSQL rolled this one back: the same answer as a
     * lost race. Every other storage failure gets the shared answer (400 for a refused value, 503 while the
     * database is unreachable, else 500).
     */
    @ServerExceptionMapper
    public Response dataAccess(DataAccessException e) {
        return DEADLOCK.equals(e.sqlState()) ? conflict() : shared.unexpected(e);
    }

    private static Response conflict() {
        return Response.status(409)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(409, "Conflict", "The resource was changed meanwhile; reload and retry"))
                .build();
    }
}
