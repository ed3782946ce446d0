package market.product.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import market.common.text.Text;
import market.product.domain.ReportReason;
import market.product.domain.ReportTarget;

/**
 * 신고하기. {@code targetId} is a string for every target type: a listing's, comment's or chat message's int64 id
 * written in decimal ("42"), or a user's id (the Keycloak sub). {@code text} is optional except for OTHER.
 */
public record ReportInput(
        @NotNull ReportTarget targetType,

        @NotBlank @Text(min = 1, max = 64, singleLine = true)
        String targetId,

        @NotNull ReportReason reason,
        @Text(max = 1000) String text) {}
