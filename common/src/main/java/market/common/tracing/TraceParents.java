package market.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;

/**
 * The W3C {@code traceparent} of work that is stored now and carried out later or elsewhere (an outbox row, a
 * chat frame crossing replicas through Redis), so the later span continues the trace of the request that caused
 * it. With the OpenTelemetry SDK disabled there is no current span: nothing is stored and nothing continued.
 */
public final class TraceParents {

    private static final String HEADER = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<String> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private TraceParents() {}

    /** The current span's traceparent, or null when there is none (SDK disabled, no request). */
    public static String current() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        String[] out = new String[1];
        W3C.inject(Context.current(), null, (carrier, key, value) -> {
            if (HEADER.equals(key)) {
                out[0] = value;
            }
        });
        return out[0];
    }

    /**
     * A span builder whose parent is the stored traceparent; a missing or malformed one gives a new trace
     * (never the thread's current context, which belongs to unrelated work such as a scheduler run).
     */
    public static SpanBuilder continuing(Tracer tracer, String spanName, String traceparent) {
        SpanBuilder builder = tracer.spanBuilder(spanName);
        Context parent = traceparent == null || traceparent.isBlank()
                ? Context.root()
                : W3C.extract(Context.root(), traceparent, GETTER);
        return Span.fromContext(parent).getSpanContext().isValid() ? builder.setParent(parent) : builder.setNoParent();
    }
}
