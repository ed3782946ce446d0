package market.product.domain;

/**
 * A versioned change found its row changed since it was read (the {@code UPDATE … WHERE version = ?} matched
 * nothing): the later of two racing edits loses, as with a stale version.
 */
public class ChangedMeanwhile extends RuntimeException {

    public ChangedMeanwhile(String what) {
        super(what + " was changed meanwhile");
    }
}
