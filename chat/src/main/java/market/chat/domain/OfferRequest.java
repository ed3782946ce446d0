package market.chat.domain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** 가격 제안 as sent: the price (KRW) the buyer offers. Below the listing's price is checked against the listing. */
public record OfferRequest(
        @NotNull @Min(1) @Max(1_000_000_000) Long amount) {}
