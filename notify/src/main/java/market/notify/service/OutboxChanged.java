package market.notify.service;

/** Fired when push_outbox rows were added; observed after commit to wake the relay. */
public record OutboxChanged() {}
