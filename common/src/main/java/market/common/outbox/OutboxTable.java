package market.common.outbox;

/**
 * Where an outbox keeps its rows and how a row's state is written. Every outbox table has {@code id bigint},
 * {@code attempts integer}, {@code next_attempt_at timestamptz} and {@code last_error}; a row is finished
 * either by two timestamps (delivered / dead) or by a status column with a finish time.
 */
public final class OutboxTable {

    final String name;
    final String pending;
    final String delivered;
    final String dead;
    final String finishedBefore;
    final String order;
    final String claimOrder;

    private OutboxTable(
            String name,
            String pending,
            String delivered,
            String dead,
            String finishedBefore,
            String order,
            String claimOrder) {
        this.name = name;
        this.pending = pending;
        this.delivered = delivered;
        this.dead = dead;
        this.finishedBefore = finishedBefore;
        this.order = order;
        this.claimOrder = claimOrder;
    }

    /**
     * Finished rows carry {@code deliveredAt} or {@code deadAt}; due rows are claimed in id order (the order
     * they were written). A delivered row keeps the error of its last failed attempt.
     */
    public static OutboxTable withTimestamps(String name, String deliveredAt, String deadAt) {
        return new OutboxTable(
                name,
                deliveredAt + " IS NULL AND " + deadAt + " IS NULL",
                deliveredAt + " = ?",
                deadAt + " = ?",
                "coalesce(" + deliveredAt + ", " + deadAt + ") < ?",
                "id",
                "id");
    }

    /**
     * {@code status} is PENDING, DONE or FAILED and {@code doneAt} says when it left PENDING; due rows are
     * claimed oldest due first (rows held back until a time go behind rows due earlier).
     */
    public static OutboxTable withStatus(String name, String status, String doneAt) {
        return new OutboxTable(
                name,
                status + " = 'PENDING'",
                status + " = 'DONE', " + doneAt + " = ?, last_error = NULL",
                status + " = 'FAILED', " + doneAt + " = ?",
                // the partial index on finished rows answers this
                status + " <> 'PENDING' AND " + doneAt + " < ?",
                "next_attempt_at, id",
                "due_at, id");
    }

    public String name() {
        return name;
    }
}
