package market.common.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import market.common.db.StorageFailures;
import market.common.text.NfcStrings;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into application/problem+json. Client mistakes get a 4xx that names the field;
 * anything unexpected is logged and answered with a 500 that reveals nothing internal.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder rb = build(e.toProblem());
        e.headers().forEach(rb::header);
        return rb.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return build(Problem.withErrors(400, "Bad Request", "The request is invalid", errors))
                .build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return build(jsonProblem(e)).build();
    }

    /** Declared separately: quarkus-rest-jackson maps this subtype itself, without naming the field. */
    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e) {
        return build(jsonProblem(e)).build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return build(Problem.of(403, "Forbidden", "You are not allowed to do this"))
                .build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return json(jpe);
        }
        Response r = e.getResponse();
        int status = r.getStatus();
        String title = r.getStatusInfo().getReasonPhrase();
        Response.ResponseBuilder rb = build(Problem.of(status, title, detailFor(status, e)));
        for (String h : List.of("Allow", "Retry-After", "WWW-Authenticate", "Location")) {
            if (r.getHeaderString(h) != null) {
                rb.header(h, r.getHeaderString(h));
            }
        }
        return rb.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (MalformedBodies.isMalformedForm(e)) {
            return build(Problem.of(400, "Bad Request", "The multipart body is malformed"))
                    .build();
        }
        if (StorageFailures.isRejectedValue(e)) {
            return build(Problem.of(400, "Bad Request", "A value contains characters that can not be stored"))
                    .build();
        }
        if (StorageFailures.isUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return build(Problem.of(503, "Service Unavailable", "Storage is unavailable; try again shortly"))
                    .header("Retry-After", "5")
                    .build();
        }
        LOG.error("Unhandled failure", e);
        return build(Problem.of(500, "Internal Server Error", "Something went wrong on our side"))
                .build();
    }

    private static Response unauthenticated() {
        return build(Problem.of(401, "Unauthorized", "A valid bearer token is required"))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    private static String detailFor(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "No such resource";
            case 405 -> "Method not allowed here";
            case 406 -> "No acceptable representation";
            case 413 -> "The request body is too large";
            case 415 -> "Unsupported media type";
            default -> e.getMessage() == null ? "" : e.getMessage();
        };
    }

    static Problem jsonProblem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return Problem.withErrors(
                    400,
                    "Bad Request",
                    "Unknown field '" + u.getPropertyName() + "'",
                    List.of(new Problem.FieldError(path(u), "unknown field")));
        }
        if (e instanceof NfcStrings.BrokenText b) {
            return Problem.withErrors(
                    400,
                    "Bad Request",
                    "The request is invalid",
                    List.of(new Problem.FieldError(path(b), b.getOriginalMessage())));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return Problem.withErrors(
                    400,
                    "Bad Request",
                    "A field has the wrong type or format",
                    List.of(new Problem.FieldError(path(m), "wrong type or format")));
        }
        return Problem.of(400, "Bad Request", "The body is not valid JSON");
    }

    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** "create.body.title" → "title"; a bare query parameter keeps its own name. */
    private static String fieldName(ConstraintViolation<?> v) {
        List<String> names = new ArrayList<>();
        String param = null;
        for (Path.Node node : v.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {}
                case PARAMETER -> param = node.getName();
                default -> {
                    if (node.getName() != null) {
                        names.add(node.getName());
                    }
                }
            }
        }
        if (names.isEmpty()) {
            return param == null ? "" : param;
        }
        return String.join(".", names);
    }

    private static Response.ResponseBuilder build(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p);
    }
}
