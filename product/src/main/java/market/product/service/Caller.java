package market.product.service;

/** Who is calling: the token's subject, its username (default nickname) and whether it is an admin. */
public record Caller(String id, String username, boolean admin) {}
