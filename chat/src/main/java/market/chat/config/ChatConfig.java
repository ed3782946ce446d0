package market.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "market.chat")
public interface ChatConfig {

    /** Base URL of the product service (a Kubernetes Service name in a cluster). */
    @WithDefault("http://127.0.0.1:8081")
    String productUrl();

    /** Base URL of the notify service, whose /internal/events turns a chat message into a push. */
    @WithDefault("http://127.0.0.1:8083")
    String notifyUrl();

    @WithDefault("1000")
    int maxMessageLength();

    /**
     * Private bucket for chat photos: product's listing photo bucket, under the key prefix {@code chat/} (one bucket
     * to run; chat's objects never share a key with product's, whose keys have no prefix).
     */
    @WithDefault("market-images")
    String bucket();

    /**
     * How many photo uploads a replica decodes and re-encodes at once (each photo of one at a time); the memory a
     * replica needs grows with it (up to ~400 MB for a 50-megapixel photo that must be turned upright). An upload
     * keeps its turn until its photos are in the bucket, so the processed bytes are bounded by this too. The default
     * fits chat's 768 MiB container limit; raise both together.
     */
    @WithDefault("1")
    int photoProcessingConcurrency();

    /** How long an upload waits for its turn to be processed before it answers 503 (Retry-After). */
    @WithDefault("30s")
    Duration photoProcessingWait();

    /**
     * Pushes to an offline recipient are coalesced per room: the first message of a quiet room is pushed at
     * once, the ones within this window after it go as one "새 메시지 N개" push when it closes.
     */
    @WithDefault("10s")
    Duration pushWindow();

    /** How long product facts are served from the cache without asking the product service again. */
    @WithDefault("60s")
    Duration productCacheTtl();

    /**
     * How long a user's blocks (asked from product) are used without asking again. Product announces each change
     * (Redis, market:blocks) and the entries are dropped at once; this bounds a change whose announcement was lost.
     */
    @WithDefault("60s")
    Duration blockCacheTtl();

    /**
     * While product's announcements are not heard (the Redis subscription is down), an entry older than this is asked
     * again before it is used: a change then takes effect in chat within this time.
     */
    @WithDefault("5s")
    Duration blockCacheTtlUnheard();

    /** Redis pub/sub channel that carries frames between chat replicas. */
    @WithDefault("chat:events")
    String fanoutChannel();

    /** How long a replica's presence entry for a connected user lives without a heartbeat. */
    @WithDefault("45s")
    Duration presenceTtl();

    /** How often each replica sends product the rooms it has not acknowledged (read by the scheduler). */
    @WithDefault("30s")
    Duration roomReportEvery();

    /** A room product has not acknowledged this long after it opened is sent again by the sweep. */
    @WithDefault("10s")
    Duration roomReportAfter();

    /** How often each replica reads product's feed of deleted accounts and closes their rooms (read by the scheduler). */
    @WithDefault("5s")
    Duration accountSweepEvery();

    /** Group commit of chat messages (see market.chat.storage.GroupCommit). */
    GroupCommitConfig groupCommit();

    interface GroupCommitConfig {
        /**
         * Whether sends go through the writer (on by default: on the 2-core bench machine, quiet, it carried
         * 2,000 msg/s where one statement per message carried 1,200, for less than half the CPU per message —
         * bench/RESULTS.md, "quiet machine, 2026-12-03"); off stores each message by its own statement.
         */
        @WithDefault("true")
        boolean enabled();

        /** At most this many messages in one PostgreSQL transaction. */
        @WithDefault("256")
        int maxBatch();

        /**
         * How long the writer waits after the first message of a batch for more (on top of what arrives while the
         * previous batch commits, which is always taken along).
         */
        @WithDefault("0ms")
        Duration linger();

        /** Messages waiting for the writer, at most (a full queue is back-pressure on the senders). */
        @WithDefault("4096")
        int queueSize();

        /** How long a send waits for room in a full queue before it answers 503 (resend shortly). */
        @WithDefault("2s")
        Duration queueWait();
    }
}
