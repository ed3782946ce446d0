package market.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import market.common.json.StrictJson;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What each failure looks like to a client: status, problem body, headers. */
class ProblemMappersTest {

    record Item(String name, int count, List<Item> children) {}

    record Named(@NotBlank String title, @Size(max = 2) String tag) {}

    private static ValidatorFactory validators;
    private final ProblemMappers mappers = new ProblemMappers();
    private final ObjectMapper json = strict();

    @BeforeAll
    static void startValidation() {
        validators = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
    }

    @AfterAll
    static void stopValidation() {
        validators.close();
    }

    private static ObjectMapper strict() {
        ObjectMapper m = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        new StrictJson().customize(m);
        return m;
    }

    @Test
    void apiExceptionKeepsItsStatusErrorsAndHeaders() {
        Response r = mappers.api(ApiException.tooManyRequests("Slow down", 30));
        assertProblem(r, 429, "Too Many Requests", "Slow down");
        assertEquals("30", r.getHeaderString("Retry-After"));

        Response bad = mappers.api(ApiException.badRequest("price", "must be positive"));
        assertProblem(bad, 400, "Bad Request", "The request is invalid");
        assertEquals(
                List.of(new Problem.FieldError("price", "must be positive")),
                problem(bad).errors());
    }

    @Test
    void constraintViolationsNameTheFieldsSorted() {
        Validator v = validators.getValidator();
        var violations = v.validate(new Named(" ", "long"));
        Response r = mappers.validation(new ConstraintViolationException(violations));
        assertProblem(r, 400, "Bad Request", "The request is invalid");
        assertEquals(
                List.of("tag", "title"),
                problem(r).errors().stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void unknownFieldIsNamed() {
        Response r = mappers.json(parseFailure("{\"name\":\"a\",\"count\":1,\"colour\":\"red\"}"));
        assertProblem(r, 400, "Bad Request", "Unknown field 'colour'");
        assertEquals(
                List.of(new Problem.FieldError("colour", "unknown field")),
                problem(r).errors());
    }

    @Test
    void wrongTypeNamesThePathIntoNestedLists() {
        Response r = mappers.json(parseFailure("{\"name\":\"a\",\"children\":[{\"count\":\"many\"}]}"));
        assertProblem(r, 400, "Bad Request", "A field has the wrong type or format");
        assertEquals(
                List.of(new Problem.FieldError("children[0].count", "wrong type or format")),
                problem(r).errors());
    }

    @Test
    void numberIsNoString() {
        Response r = mappers.json(parseFailure("{\"name\":42}"));
        assertEquals(
                List.of(new Problem.FieldError("name", "wrong type or format")),
                problem(r).errors());
    }

    @Test
    void brokenTextIsNamedWithItsReason() {
        Response r = mappers.json(parseFailure("{\"name\":\"\\ud800\"}"));
        assertProblem(r, 400, "Bad Request", "The request is invalid");
        assertEquals(
                List.of(new Problem.FieldError("name", "contains a broken character (a lone UTF-16 surrogate)")),
                problem(r).errors());
    }

    @Test
    void syntaxErrorIsNotValidJson() {
        Response r = mappers.json(parseFailure("{\"name\":"));
        assertProblem(r, 400, "Bad Request", "The body is not valid JSON");
        assertNull(problem(r).errors());
    }

    @Test
    void jsonFailureWrappedByTheFrameworkIsStillA400() {
        Response r = mappers.web(new WebApplicationException(parseFailure("[1,"), 400));
        assertProblem(r, 400, "Bad Request", "The body is not valid JSON");
    }

    @Test
    void missingOrBadTokenIs401WithBearerChallenge() {
        Response r = mappers.unauthorized(new UnauthorizedException());
        assertProblem(r, 401, "Unauthorized", "A valid bearer token is required");
        assertEquals("Bearer", r.getHeaderString("WWW-Authenticate"));
    }

    @Test
    void forbiddenIs403() {
        assertProblem(mappers.forbidden(new ForbiddenException()), 403, "Forbidden", "You are not allowed to do this");
    }

    @Test
    void frameworkStatusesGetFixedDetailsAndKeepAllow() {
        assertProblem(mappers.web(new NotFoundException("secret path detail")), 404, "Not Found", "No such resource");
        Response r = mappers.web(new NotAllowedException("GET", new String[] {"HEAD"}));
        assertProblem(r, 405, "Method Not Allowed", "Method not allowed here");
        assertEquals(Set.of("GET", "HEAD"), Set.of(r.getHeaderString("Allow").split(", ?")));
    }

    @Test
    void unexpectedFailureRevealsNothing() {
        Response r = mappers.unexpected(new IllegalStateException("password=hunter2"));
        assertProblem(r, 500, "Internal Server Error", "Something went wrong on our side");
    }

    private JsonProcessingException parseFailure(String body) {
        return assertThrows(JsonProcessingException.class, () -> json.readValue(body, Item.class));
    }

    private static Problem problem(Response r) {
        return (Problem) r.getEntity();
    }

    private static void assertProblem(Response r, int status, String title, String detail) {
        assertEquals(status, r.getStatus());
        assertEquals(Problem.MEDIA_TYPE, r.getMediaType().toString());
        Problem p = problem(r);
        assertEquals("about:blank", p.type());
        assertEquals(status, p.status());
        assertEquals(title, p.title());
        assertEquals(detail, p.detail());
    }
}
