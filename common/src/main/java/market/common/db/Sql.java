package market.common.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A SQL statement and its arguments, the {@code ?} placeholders bound in text order. Built in one piece
 * ({@code Sql.of("... WHERE id = ?", id)}) or fragment by fragment where a query has optional parts (the
 * feed's filters), each fragment carrying the arguments of its own placeholders so text and arguments cannot
 * drift apart.
 *
 * <p>A {@code null} argument is bound as an untyped NULL: PostgreSQL infers its type from where it stands
 * ({@code col = ?}); where it cannot ({@code ? IS NULL}), write the type in the SQL ({@code CAST(? AS
 * bigint)}). Arguments: String, Long, Integer, Short, Boolean, Double, BigDecimal, byte[], UUID,
 * OffsetDateTime, Instant (stored as UTC), an enum (its name), {@code long[]} / {@code Long[]} / {@code
 * String[]} (a PostgreSQL array, e.g. {@code id = ANY(?)}).
 */
public final class Sql {

    private final StringBuilder text;
    private final List<Object> args;
    private boolean customPlan;
    /** The text as last read: {@link Db} reads it more than once per run (the statement, its label). */
    private String textValue;

    private Sql(String text, Object[] args) {
        this.text = new StringBuilder(Math.max(64, text.length() + 64)).append(text);
        this.args = new ArrayList<>(Math.max(4, args.length));
        Collections.addAll(this.args, arguments(args));
    }

    /**
     * The varargs as given. A {@code String[]} (or another typed array) passed alone arrives as the varargs array
     * itself, not as one array argument; the compiler only ever makes a plain {@code Object[]} for varargs, so
     * any other array type is taken as the one argument it was meant to be ({@code id = ANY(?)}).
     */
    private static Object[] arguments(Object[] args) {
        if (args == null) {
            return new Object[] {null};
        }
        return args.getClass() == Object[].class ? args : new Object[] {args};
    }

    /** A statement with the arguments of its placeholders, in text order. */
    public static Sql of(String text, Object... args) {
        return new Sql(text, args);
    }

    /** Appends a fragment with the arguments of its own placeholders. */
    public Sql append(String fragment, Object... values) {
        text.append(fragment);
        textValue = null;
        Collections.addAll(args, arguments(values));
        return this;
    }

    /** Appends another statement's text and arguments. */
    public Sql append(Sql other) {
        text.append(other.text);
        textValue = null;
        args.addAll(other.args);
        return this;
    }

    /**
     * Plans the statement with its argument values every time instead of letting the driver switch to a
     * server-side prepared statement with a generic plan after a few runs. For statements whose best plan
     * depends on the values (a price range: a generic plan read 50,000 index entries through the price index
     * for a 동네 + category + range feed page that the 동네 index answers from 21).
     */
    public Sql customPlan() {
        this.customPlan = true;
        return this;
    }

    public String text() {
        if (textValue == null) {
            textValue = text.toString();
        }
        return textValue;
    }

    List<Object> args() {
        return args;
    }

    boolean isCustomPlan() {
        return customPlan;
    }

    @Override
    public String toString() {
        return text();
    }
}
