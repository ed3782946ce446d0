package market.common.api;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What the three OpenAPI documents share, in one place instead of on every method: the {@link Problem} schema
 * that every error answer (4xx/5xx) carries as problem+json, and the {@value #BEARER} security scheme (a Keycloak
 * access token of realm market) that {@code @SecurityRequirement(name = "bearer")} on the resources names.
 * Registered per service with {@code mp.openapi.filter}.
 */
public class OpenApiContract implements OASFilter {

    /** The security scheme's name, for {@code @SecurityRequirement(name = OpenApiContract.BEARER)}. */
    public static final String BEARER = "bearer";

    /** Written with JsonInclude NON_NULL: a property may be absent. */
    private static final Set<String> NON_NULL = Set.of("Problem", "FieldError", "MessageView");

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return operation;
        }
        for (Map.Entry<String, APIResponse> e :
                operation.getResponses().getAPIResponses().entrySet()) {
            APIResponse r = e.getValue();
            if (isError(e.getKey())
                    && (r.getContent() == null || r.getContent().getMediaTypes().isEmpty())) {
                r.setContent(OASFactory.createContent()
                        .addMediaType(
                                Problem.MEDIA_TYPE,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref(PROBLEM_REF))));
            }
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(
                "FieldError",
                object("One rejected input: the field (JSON property or parameter) and why")
                        .addProperty("field", string())
                        .addProperty("message", string())
                        .addRequired("field")
                        .addRequired("message"));
        components.addSchema(
                "Problem",
                object("RFC 9457 problem details, the only error body of every service")
                        .addProperty("type", string().description("always about:blank"))
                        .addProperty("title", string())
                        .addProperty(
                                "status",
                                OASFactory.createSchema()
                                        .addType(Schema.SchemaType.INTEGER)
                                        .format("int32"))
                        .addProperty("detail", string())
                        .addProperty(
                                "errors",
                                OASFactory.createSchema()
                                        .addType(Schema.SchemaType.ARRAY)
                                        .description("present on validation failures, sorted by field")
                                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))
                        .addProperty(
                                "code",
                                string().description(
                                                "present where a client acts on the reason: suspended (the account is suspended)"))
                        .addRequired("type")
                        .addRequired("title")
                        .addRequired("status"));
        components.addSecurityScheme(
                BEARER,
                OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("Access token from Keycloak realm market (audience market-api)"));
        markWrittenPropertiesRequired(openAPI, components);
        // Stable order whatever the scanner's maps do: the checked-in documents are compared as text.
        components.setSchemas(new TreeMap<>(components.getSchemas()));
    }

    /**
     * The services write every component of a response record (Jackson writes nulls too, except where a record says
     * NON_NULL), so each property of a schema that only answers carry is required; schemas that requests use keep
     * what Bean Validation made required. Clients generated from the documents then need no undefined checks.
     */
    private static void markWrittenPropertiesRequired(OpenAPI openAPI, Components components) {
        Set<String> inRequests = new TreeSet<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem item : openAPI.getPaths().getPathItems().values()) {
                for (Operation op : item.getOperations().values()) {
                    if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                        op.getRequestBody()
                                .getContent()
                                .getMediaTypes()
                                .values()
                                .forEach(m -> collectRefs(m.getSchema(), components, inRequests));
                    }
                }
            }
        }
        for (Map.Entry<String, Schema> e : components.getSchemas().entrySet()) {
            Schema schema = e.getValue();
            if (inRequests.contains(e.getKey())
                    || schema.getProperties() == null
                    || schema.getRequired() != null && !schema.getRequired().isEmpty()
                    || NON_NULL.contains(e.getKey())) {
                continue;
            }
            schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
        }
    }

    private static void collectRefs(Schema schema, Components components, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            if (names.add(name)) {
                collectRefs(components.getSchemas().get(name), components, names);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(s -> collectRefs(s, components, names));
        }
        collectRefs(schema.getItems(), components, names);
        if (schema.getAllOf() != null) {
            schema.getAllOf().forEach(s -> collectRefs(s, components, names));
        }
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    private static Schema object(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description(description);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }
}
