package market.chat.domain;

/**
 * The offer a message is about. On the OFFER message it is the offer's current state ({@code offerId} is that
 * message's id); on the SYSTEM message recording a change it is the state that change made.
 */
public record OfferView(long offerId, long amount, OfferStatus status) {}
