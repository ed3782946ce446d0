package market.chat.api;

/** The seller's acceptance: {@code reserve} (default true) also makes the listing 예약중 for the buyer. */
public record OfferAnswer(Boolean reserve) {

    public boolean reserveOrDefault() {
        return reserve == null || reserve;
    }
}
