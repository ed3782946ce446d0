package market.product.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import market.product.client.KeycloakUsers;
import market.product.domain.DeletedAccount;
import market.product.storage.AccountStore;
import market.product.storage.OutboxStore;
import org.jboss.logging.Logger;

/**
 * 탈퇴 (DELETE /api/me). One transaction writes the tombstone (from then on the account's tokens are refused),
 * takes the account's data out of product and stores ACCOUNT_DELETED in the outbox for Keycloak and notify; chat
 * reads the tombstones itself. After the commit the Keycloak user is deleted right away (so the account's refresh
 * token stops working at once); should that fail, the outbox row does it later, retried until Keycloak answers.
 * Nothing of the account is served once the transaction has committed, whatever fails afterwards; a failure before
 * the commit changes nothing. A second deletion (a retry, or two at once) finds the tombstone and does nothing.
 */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);

    private final AccountStore accounts;
    private final OutboxStore outbox;
    private final KeycloakUsers keycloak;

    public AccountService(AccountStore accounts, OutboxStore outbox, KeycloakUsers keycloak) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.keycloak = keycloak;
    }

    /** Deletes the caller's account; false when it was deleted before (nothing more to do). */
    public boolean delete(String userId) {
        boolean first = QuarkusTransaction.requiringNew().call(() -> {
            if (!accounts.tombstone(userId, Clock.now())) {
                return false;
            }
            accounts.deleteListings(userId, Clock.now());
            accounts.deleteLikes(userId);
            accounts.anonymise(userId);
            accounts.deleteKeywordsViewsAndProfile(userId);
            outbox.publishAccountDeleted(userId);
            return true;
        });
        if (first) {
            try {
                keycloak.delete(userId);
                outbox.deliveredByKey(OutboxStore.accountDeletedKey(userId, OutboxStore.TO_KEYCLOAK));
            } catch (RuntimeException e) {
                LOG.warnf("Keycloak user %s not deleted yet, the outbox retries: %s", userId, e.toString());
            }
        }
        return first;
    }

    /** Whether the account was deleted (its still-valid tokens are refused). */
    public boolean isDeleted(String userId) {
        return accounts.isDeleted(userId);
    }

    /** The deletions after {@code seq}, in commit order (chat's feed of deleted accounts). */
    public List<DeletedAccount> deletedAfter(long seq, int limit) {
        return accounts.after(seq, limit);
    }
}
