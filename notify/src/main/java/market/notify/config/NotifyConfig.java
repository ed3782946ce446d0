package market.notify.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "market.notify")
public interface NotifyConfig {

    Fcm fcm();

    Relay relay();

    Notices notices();

    Inbox inbox();

    interface Inbox {
        /**
         * Claim of the access token that carries when the account was created (epoch seconds, or milliseconds
         * as Keycloak's user property {@code createdTimestamp} gives them). Broadcasts published since then
         * reach the user's inbox, even before notify first sees them.
         */
        @WithDefault("created_at")
        String accountCreatedClaim();

        /**
         * For users whose token carries no creation time (or who are only known from an event addressed to
         * them): broadcasts published this long before notify first saw them still reach their inbox.
         */
        @WithDefault("30d")
        Duration noticesBeforeFirstContact();

        /**
         * How often each replica looks at the inbox items committed lately and wakes their users' open streams
         * here (also read by @Scheduled): makes up for a wake-up announcement that was lost.
         */
        @WithDefault("5s")
        String catchUpEvery();
    }

    interface Notices {
        /** How often due scheduled notices and held ads are looked for (also read by @Scheduled). */
        @WithDefault("5s")
        String every();
    }

    interface Fcm {
        /** Firebase service-account JSON file (what GOOGLE_APPLICATION_CREDENTIALS points at). */
        Optional<String> credentialsFile();

        /** The same JSON as a value, e.g. from a Kubernetes Secret; used when no file is given. */
        Optional<String> credentialsJson();

        /**
         * Sends FCM and Instance ID calls to this base URL instead of Google (the fake FCM of tests and the
         * bench). With it and no credentials, a static dummy access token is used.
         */
        Optional<String> endpointOverride();

        /** Firebase project id; taken from the service-account JSON when absent. */
        Optional<String> projectId();

        /**
         * Per FCM request: the longest wait for a connection (including behind other requests in flight) and for
         * the answer to go quiet; also the SDK's read timeout for topic membership.
         */
        @WithDefault("15s")
        Duration timeout();

        /**
         * FCM requests in flight at once (every message is one request): HTTP/2 streams to Google (100 per
         * connection), HTTP/1.1 connections to a plain-http endpoint override.
         */
        @WithDefault("100")
        int concurrency();
    }

    interface Relay {
        /** How often the relay looks for due pushes besides being woken by new ones (read by @Scheduled). */
        @WithDefault("1s")
        String every();

        /** Rows taken per relay round (a personal push is one row per recipient). */
        @WithDefault("1000")
        int batchSize();

        /**
         * Personal push messages handed to FCM and not yet answered, across rounds (at least 500: one call).
         * Each is one FCM request; {@code market.notify.fcm.concurrency} of them run at once, the rest wait.
         */
        @WithDefault("2000")
        int maxInFlight();

        /** First retry delay after a failed send; doubles per attempt up to {@link #backoffMax()}. */
        @WithDefault("2s")
        Duration backoffBase();

        @WithDefault("5m")
        Duration backoffMax();

        /** After this many failed attempts a push is given up and counted as failed. */
        @WithDefault("30")
        int maxAttempts();
    }
}
