package market.chat.health;

import jakarta.enterprise.context.ApplicationScoped;
import market.chat.service.Fanout;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports whether this replica receives the other replicas' frames. Always UP: without Redis chat still
 * accepts and stores messages (clients catch up by id), and taking every replica out of the Service
 * because Redis blinked would turn a degraded chat into no chat.
 */
@Readiness
@ApplicationScoped
public class FanoutHealthCheck implements HealthCheck {

    private final Fanout fanout;

    public FanoutHealthCheck(Fanout fanout) {
        this.fanout = fanout;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("chat-fanout")
                .up()
                .withData("redisSubscribed", fanout.subscribed())
                .withData("usersAwaitingResync", fanout.missedUsers())
                .build();
    }
}
