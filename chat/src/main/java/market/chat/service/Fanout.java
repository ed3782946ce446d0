package market.chat.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import market.chat.config.ChatConfig;
import market.common.redis.LuaScripts;
import market.common.tracing.TraceParents;
import org.jboss.logging.Logger;

/**
 * Delivers frames to the participants' connections on every replica. Local connections get the frame
 * directly. For the other replicas one Redis script (one round trip, {@link #ROUTE}) reads the recipients'
 * presence — which replicas hold a connection of theirs — and publishes the envelope on each of those replicas'
 * own channel ({@code <fanout-channel>:<replica id>}): a replica receives only frames for its own users, so adding
 * replicas adds fan-out capacity (on one shared channel every replica received and parsed every envelope). The
 * shared channel ({@code <fanout-channel>}) still carries what every replica must see (resyncs). With Redis down
 * only the cross-replica part is missing: messages are stored anyway and clients catch up with {@code after}.
 * The subscription is re-established as soon as Redis answers again; then this replica writes its users' presence
 * again (a restarted Redis has lost it, and without it no replica would publish their frames here) and tells its
 * connections that they may have missed frames with a {@code {"type":"resync"}} frame (they fetch
 * {@code after=<last id>} for their rooms); through Redis the users whose frames this replica failed to publish are
 * told so too. An envelope carries the publisher's trace context ({@code traceparent}, when tracing is on), so the
 * delivery on the other replicas continues the trace of the send.
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

    /**
     * KEYS: the recipients' presence sets; ARGV: now (epoch ms), the replica channels' prefix, the publishing
     * replica's id, the envelope, the shared channel. Publishes the envelope once on the channel of every other
     * replica that holds a connection of any recipient; returns how many. When such a channel has no subscriber (a
     * replica of a version that only listens on the shared channel, during a rolling upgrade, or one that crashed and
     * whose presence has not expired yet), the envelope also goes out once on the shared channel: replicas of that
     * version deliver it, replicas of this one ignore it there (its {@code routed} mark; they got theirs directly).
     * Needs a Redis that is not in cluster mode (the keys of several users in one script), as pub/sub and presence
     * always did.
     */
    static final String ROUTE = """
            local seen, n, unheard = {}, 0, false
            for i = 1, #KEYS do
              for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[i], ARGV[1], '+inf')) do
                if id ~= ARGV[3] and not seen[id] then
                  seen[id] = true
                  if redis.call('PUBLISH', ARGV[2] .. id, ARGV[4]) == 0 then unheard = true end
                  n = n + 1
                end
              end
            end
            if unheard then redis.call('PUBLISH', ARGV[5], ARGV[4]) end
            return n
            """;

    private static final String ROUTE_SHA = LuaScripts.sha1(ROUTE);

    private final RedisLink link;
    private final LocalConnections local;
    private final Presence presence;
    private final ObjectMapper mapper;
    private final String channel;
    private final String instanceId;
    private final Tracer tracer;
    /** Envelopes this replica published to other replicas' channels, received, and received for no user here. */
    private final AtomicLong published = new AtomicLong();

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong unaddressed = new AtomicLong();

    /** Product announces committed block changes here ({@code "<userId> <otherId>"}). */
    static final String BLOCKS_CHANNEL = "market:blocks";

    private final ReconnectingRedis subscription;
    private final Blocks blocks;
    private final java.util.concurrent.Executor worker =
            io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool();
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
            Presence presence,
            ObjectMapper mapper,
            ChatConfig config,
            Tracer tracer,
            MeterRegistry registry,
            Blocks blocks) {
        this.link = link;
        this.blocks = blocks;
        this.tracer = tracer;
        this.local = local;
        this.presence = presence;
        this.mapper = mapper;
        this.channel = config.fanoutChannel();
        this.instanceId = presence.instanceId();
        String own = replicaChannel(channel, instanceId);
        this.subscription = new ReconnectingRedis(
                redis,
                vertx,
                "fan-out subscription",
                conn -> {
                    conn.handler(this::onPush);
                    return conn.send(
                            Request.cmd(Command.SUBSCRIBE).arg(channel).arg(own).arg(BLOCKS_CHANNEL));
                },
                this::onSubscribed,
                why -> {
                    blocks.hearing(false);
                    LOG.warnf("Fan-out subscription lost (%s); retrying every second", why);
                });
        FunctionCounter.builder("chat.fanout.envelopes", published, AtomicLong::get)
                .tag("direction", "published")
                .description("Envelopes published to another replica's channel (one per replica holding a recipient)")
                .register(registry);
        FunctionCounter.builder("chat.fanout.envelopes", received, AtomicLong::get)
                .tag("direction", "received")
                .description("Envelopes received from other replicas")
                .register(registry);
        FunctionCounter.builder("chat.fanout.envelopes", unaddressed, AtomicLong::get)
                .tag("direction", "unaddressed")
                .description("Envelopes received with no recipient connected here (parsed for nothing)")
                .register(registry);
    }

    /** The channel a replica receives its users' frames on. */
    static String replicaChannel(String channel, String instanceId) {
        return channel + ":" + instanceId;
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
        blocks.hearing(true);
        LOG.infof("Subscribed to %s and %s for cross-replica fan-out", channel, replicaChannel(channel, instanceId));
        if (everSubscribed) {
            // Frames from other replicas may have been missed while unsubscribed. Presence first: Redis may have
            // restarted empty, and the other replicas publish a user's frames only where presence says.
            presence.announceAll()
                    .subscribe()
                    .with(ok -> local.deliverAll(RESYNC_FRAME), failure -> local.deliverAll(RESYNC_FRAME));
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
        route(to, envelope(to, frame, true))
                .subscribe()
                .with(
                        count -> {
                            publishFailing = false;
                            published.addAndGet(count);
                        },
                        failure -> {
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
        send(envelope(to, RESYNC_FRAME, false))
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

    /** Publishes on the shared channel: for every replica. */
    private Uni<Response> send(String envelope) {
        return link.send(Request.cmd(Command.PUBLISH).arg(channel).arg(envelope), PUBLISH_TIMEOUT);
    }

    /** Publishes to the replicas that hold a connection of these users (other than this one); how many. */
    private Uni<Long> route(List<String> to, String envelope) {
        return link.send(script(Command.EVALSHA, ROUTE_SHA, to, envelope), PUBLISH_TIMEOUT)
                .onFailure(LuaScripts::notLoaded)
                .recoverWithUni(() -> link.send(script(Command.EVAL, ROUTE, to, envelope), PUBLISH_TIMEOUT))
                .map(Response::toLong);
    }

    private Request script(Command command, String script, List<String> to, String envelope) {
        Request r = Request.cmd(command).arg(script).arg(to.size());
        to.forEach(user -> r.arg(Presence.key(user)));
        return r.arg(System.currentTimeMillis())
                .arg(replicaChannel(channel, ""))
                .arg(instanceId)
                .arg(envelope)
                .arg(channel);
    }

    /** {@code routed}: published to the replicas that hold a recipient (a copy on the shared channel is ignored). */
    private String envelope(List<String> to, String frame, boolean routed) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("origin", instanceId);
        if (routed) {
            envelope.put("routed", true);
        }
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
        String from = push.get(1).toString();
        if (BLOCKS_CHANNEL.equals(from)) {
            String[] users = push.get(2).toString().split(" ");
            // off the event loop: dropping an entry waits for a load of it that is running
            worker.execute(() -> blocks.changed(users));
            return;
        }
        try {
            JsonNode envelope = mapper.readTree(push.get(2).toString());
            if (instanceId.equals(envelope.path("origin").asText())
                    || (channel.equals(from) && envelope.path("routed").asBoolean())) {
                return; // our own, or a routed envelope's copy for replicas that listen only here
            }
            received.incrementAndGet();
            List<String> to = new ArrayList<>();
            envelope.path("to").forEach(n -> to.add(n.asText()));
            if (!to.contains(EVERYONE) && to.stream().noneMatch(local::isConnected)) {
                unaddressed.incrementAndGet();
            }
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
