package market.notify.domain;

/**
 * Who one publication round of a notice or ad is for. A NOTICE has one round (ALL); an ad sent by day one (DAY:
 * users with marketing consent); an ad sent at night two (NIGHT: users with night consent, at once; MORNING: the
 * other consenting users, at 08:00 KST).
 */
public enum Audience {
    ALL,
    DAY,
    NIGHT,
    MORNING
}
