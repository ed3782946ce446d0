package market.common.api;

import java.util.List;

/** One page of a keyset-paginated list: `{"items":[...],"nextCursor":"..."|null}`. */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /**
     * Builds a page from up to size+1 fetched rows: the extra row only tells that there is more, and the
     * cursor points after the last row returned.
     */
    public static <T> Page<T> of(List<T> fetched, int size, java.util.function.Function<T, String> cursorOf) {
        if (fetched.size() <= size) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, size);
        return new Page<>(List.copyOf(items), cursorOf.apply(items.get(size - 1)));
    }
}
