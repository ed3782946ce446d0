package market.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import market.chat.config.ChatConfig;
import market.common.tracing.TraceParents;
import org.jboss.logging.Logger;

/**
 * Delivers frames to the participants' connections on every replica. Local connections get the frame
 * directly; other replicas get it through Redis pub/sub (each one subscribes and delivers to its own
 * connections, skipping what it published itself). With Redis down only the cross-replica part is missing:
 * messages are stored anyway and clients catch up with {@code after}. The subscription is re-established
 * as soon as Redis answers again, and then clients that may have missed frames are told so with a
 * {@code {"type":"resync"}} frame (they fetch {@code after=<last id>} for their rooms): every local
 * connection when this replica's subscription was lost, and, through Redis, the users whose frames this
 * replica failed to publish. An envelope carries the publisher's trace context ({@code traceparent}, when tracing
 * is on), so the delivery on the other replicas continues the trace of the send.
 */
@ApplicationScoped
public class Fanout {

    private static final Logger LOG = Logger.getLogger(Fanout.class);
    /**
     * A publish not answered in this time counts as failed (its users are told to resync). Redis being down
     * fails publishes at once (connection refused or closed); the timeout is for a Redis that hangs. Short
     * timeouts turned overload into false outages: every one costs a resync round, i.e. more load.
     */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);

    public static final String RESYNC_FRAME = "{\"type\":\"resync\"}";
    /** Beyond this many users with missed frames, every connection of every replica is told to resync. */
    private static final int MISSED_USERS_LIMIT = 10_000;

    private static final String EVERYONE = "*";

    private final RedisLink link;
    private final LocalConnections local;
    private final ObjectMapper mapper;
    private final String channel;
    private final String instanceId = UUID.randomUUID().toString();
    private final Tracer tracer;

    private final ReconnectingRedis subscription;
    private volatile boolean everSubscribed;
    private volatile boolean publishFailing;
    /** Users whose frames could not be published to the other replicas since the last resync. */
    private final Set<String> missed = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean resyncing = new AtomicBoolean();

    public Fanout(
            Redis redis,
            RedisLink link,
            Vertx vertx,
            LocalConnections local,
            ObjectMapper mapper,
            ChatConfig config,
            Tracer tracer) {
        this.link = link;
        this.tracer = tracer;
        this.local = local;
        this.mapper = mapper;
        this.channel = config.fanoutChannel();
        this.subscription = new ReconnectingRedis(
                redis,
                vertx,
                "fan-out subscription",
                conn -> {
                    conn.handler(this::onPush);
                    return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel));
                },
                this::onSubscribed,
                why -> LOG.warnf("Fan-out subscription lost (%s); retrying every second", why));
    }

    void start(@Observes StartupEvent event) {
        subscription.start(() -> {
            if (!missed.isEmpty()) {
                resyncMissed();
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        subscription.stop();
    }

    private void onSubscribed() {
        LOG.infof("Subscribed to %s for cross-replica fan-out", channel);
        if (everSubscribed) {
            // Frames from other replicas may have been missed while unsubscribed.
            local.deliverAll(RESYNC_FRAME);
        }
        everSubscribed = true;
    }

    public String instanceId() {
        return instanceId;
    }

    /** True while this replica receives the other replicas' frames. */
    public boolean subscribed() {
        return subscription.current() != null;
    }

    /** Sends a frame (already JSON) to all connections of these users, here and on the other replicas. */
    public void publish(Collection<String> userIds, String frame) {
        local.deliver(userIds, frame);
        List<String> to = List.copyOf(userIds);
        send(envelope(to, frame)).subscribe().with(ok -> publishFailing = false, failure -> {
            if (!publishFailing) {
                publishFailing = true;
                LOG.warnf(
                        "Fan-out to other replicas failing (Redis: %s); their clients will be told to resync",
                        failure.getMessage());
            }
            remember(to);
        });
    }

    /** Users with frames that could not be published; how many (for health and tests). */
    public int missedUsers() {
        return missed.size();
    }

    private void remember(Collection<String> users) {
        if (missed.size() < MISSED_USERS_LIMIT) {
            missed.addAll(users);
        } else {
            missed.add(EVERYONE);
        }
    }

    /** Tells the other replicas' connections of users with missed frames to catch up, in batches. */
    private void resyncMissed() {
        if (!resyncing.compareAndSet(false, true)) {
            return; // the previous batch is still being published
        }
        List<String> batch = List.copyOf(missed);
        List<String> to = batch.contains(EVERYONE) ? List.of(EVERYONE) : batch;
        send(envelope(to, RESYNC_FRAME))
                .subscribe()
                .with(
                        ok -> {
                            missed.removeAll(batch);
                            publishFailing = false;
                            resyncing.set(false);
                            LOG.infof(
                                    "Told %s to resync after failed fan-out",
                                    to.contains(EVERYONE) ? "every connection" : to.size() + " user(s)");
                        },
                        failure -> {
                            resyncing.set(false);
                            LOG.debugf("Resync not published yet (Redis: %s)", failure.getMessage());
                        });
    }

    private io.smallrye.mutiny.Uni<Response> send(String envelope) {
        return link.send(Request.cmd(Command.PUBLISH).arg(channel).arg(envelope), PUBLISH_TIMEOUT);
    }

    private String envelope(List<String> to, String frame) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("origin", instanceId);
        envelope.put("to", to);
        envelope.put("frame", frame);
        String traceparent = TraceParents.current();
        if (traceparent != null) {
            envelope.put("traceparent", traceparent);
        }
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void onPush(Response push) {
        if (push == null || push.size() < 3 || !"message".equals(push.get(0).toString())) {
            return;
        }
        try {
            JsonNode envelope = mapper.readTree(push.get(2).toString());
            if (instanceId.equals(envelope.path("origin").asText())) {
                return;
            }
            List<String> to = new ArrayList<>();
            envelope.path("to").forEach(n -> to.add(n.asText()));
            String frame = envelope.path("frame").asText();
            String traceparent = envelope.path("traceparent").asText(null);
            Span span = traceparent == null
                    ? Span.getInvalid()
                    : TraceParents.continuing(tracer, "chat fan-out deliver", traceparent)
                            .setSpanKind(SpanKind.CONSUMER)
                            .setAttribute("market.chat.recipients", to.size())
                            .startSpan();
            try (Scope ignored = span.makeCurrent()) {
                if (to.contains(EVERYONE)) {
                    local.deliverAll(frame);
                } else {
                    local.deliver(to, frame);
                }
            } finally {
                span.end();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Ignoring an unreadable fan-out envelope: %s", e.getMessage());
        }
    }
}
