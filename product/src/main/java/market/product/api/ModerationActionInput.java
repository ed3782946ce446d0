package market.product.api;

import jakarta.validation.constraints.NotNull;
import market.common.text.Text;
import market.product.domain.ModerationAction;

/** What an admin does about a report's target, with an optional note kept in the moderation log. */
public record ModerationActionInput(
        @NotNull ModerationAction action, @Text(max = 1000) String note) {}
