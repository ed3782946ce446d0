package market.common.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import market.common.text.Text;

/**
 * The body of notify's {@code POST /internal/events}, the one definition its senders (product's outbox
 * relay, chat's pushes) and notify itself use. The constraints are notify's intake rules; senders do not
 * validate against them. {@code data} values are strings, numbers or booleans (notify hands them to FCM as
 * strings and refuses anything else); the idempotency key is scoped per calling service.
 */
public record InternalEvent(
        @NotBlank @Size(max = 150) String idempotencyKey,
        @NotNull EventType type,
        @NotBlank @Size(max = 64) String recipientId,

        @NotBlank @Text(min = 1, max = 200, singleLine = true)
        String title,

        @NotNull @Text(max = 2000) String body,
        @Size(max = 20) Map<@NotBlank @Size(max = 64) String, @NotNull Object> data) {}
