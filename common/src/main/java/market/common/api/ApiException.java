package market.common.api;

import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on: carries the HTTP status, a short title, a human detail and
 * optional field errors and headers (e.g. Retry-After for 429/503).
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers;
    private final String code;

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, null, Map.of());
    }

    public ApiException(
            int status, String title, String detail, List<Problem.FieldError> errors, Map<String, String> headers) {
        this(status, title, detail, errors, headers, null);
    }

    private ApiException(
            int status,
            String title,
            String detail,
            List<Problem.FieldError> errors,
            Map<String, String> headers,
            String code) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
        this.headers = headers;
        this.code = code;
    }

    /** 403 with a problem {@code code} a client acts on (e.g. {@code suspended}). */
    public static ApiException forbidden(String detail, String code) {
        return new ApiException(403, "Forbidden", detail, null, Map.of(), code);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "Not Found", what + " not found");
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail);
    }

    public static ApiException unprocessable(String detail) {
        return new ApiException(422, "Unprocessable Content", detail);
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(
                400,
                "Bad Request",
                "The request is invalid",
                List.of(new Problem.FieldError(field, message)),
                Map.of());
    }

    public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiException(
                429, "Too Many Requests", detail, null, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static ApiException unavailable(String detail, long retryAfterSeconds) {
        return new ApiException(
                503, "Service Unavailable", detail, null, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage(), errors, code);
    }

    public Map<String, String> headers() {
        return headers;
    }
}
