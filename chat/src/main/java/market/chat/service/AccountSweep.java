package market.chat.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import market.chat.client.DeletedAccounts;
import market.chat.client.ProductAccountsApi;
import market.chat.storage.AccountStore;
import market.common.db.DataAccessException;
import org.jboss.logging.Logger;

/**
 * 탈퇴 reaches chat by pull: every replica reads product's feed of deleted accounts after the position chat keeps
 * and closes each account's rooms (idempotent, so two replicas applying one page do no harm), then moves the
 * position. chat down or product down only delays it; nothing is missed (product's feed never skips a deletion
 * that commits late). Pulling keeps the one call direction the cluster allows (chat → product).
 */
@ApplicationScoped
public class AccountSweep {

    private static final Logger LOG = Logger.getLogger(AccountSweep.class);
    private static final int BATCH = 100;

    private final AccountStore accounts;
    private final DeletedAccounts feed;

    public AccountSweep(AccountStore accounts, DeletedAccounts feed) {
        this.accounts = accounts;
        this.feed = feed;
    }

    @Scheduled(
            every = "${market.chat.account-sweep-every}",
            delayed = "${market.chat.account-sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int applied;
            do {
                applied = round();
            } while (applied == BATCH);
        } catch (DataAccessException | jakarta.ws.rs.ProcessingException | jakarta.ws.rs.WebApplicationException e) {
            LOG.warnf("Deleted accounts not read from product yet (retried at the next run): %s", e.toString());
        } catch (org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException e) {
            LOG.warnf("Deleted accounts not read from product yet (retried at the next run): %s", e.toString());
        }
    }

    /** One page: how many deletions were applied. */
    int round() {
        List<ProductAccountsApi.Deleted> page = feed.after(accounts.position(), BATCH);
        for (ProductAccountsApi.Deleted d : page) {
            accounts.apply(d.userId(), d.deletedAt());
            accounts.advance(d.seq());
        }
        if (!page.isEmpty()) {
            LOG.infof("Closed the chats of %d deleted account(s)", page.size());
        }
        return page.size();
    }
}
