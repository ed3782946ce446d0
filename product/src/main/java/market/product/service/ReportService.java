package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import market.common.api.ApiException;
import market.common.limits.Action;
import market.product.client.ChatClient;
import market.product.client.ChatMessage;
import market.product.domain.Comment;
import market.product.domain.Product;
import market.product.domain.Profile;
import market.product.domain.Report;
import market.product.domain.ReportReason;
import market.product.domain.ReportTarget;
import market.product.storage.ProfileStore;
import market.product.storage.ReportStore;

/**
 * 신고하기: a user reports a listing, a user, a comment or a chat message. The target must exist for the reporter
 * (404), must not be the reporter's own (422), and a reporter holds one open report per target (a repeat answers
 * the open one). What the admin will need to judge (the title, the comment's or message's text, the nickname) is
 * kept with the report, as it was when reported.
 *
 * <p>No transaction: the checks are reads and the report is one INSERT whose unique index settles two racing
 * repeats; a chat message is read from chat first, so no connection is held while chat answers.
 */
@ApplicationScoped
public class ReportService {

    /** A report and whether this call created it (false: the reporter's open report on the target). */
    public record Filed(Report report, boolean created) {}

    /** What is kept of a target: whose it is and what the admin sees of it. */
    private record Target(String owner, String summary) {}

    private static final int SUMMARY_MAX = 4000;

    private final ReportStore reports;
    private final ProductService products;
    private final SocialService social;
    private final ProfileStore profiles;
    private final ChatClient chat;

    public ReportService(
            ReportStore reports,
            ProductService products,
            SocialService social,
            ProfileStore profiles,
            ChatClient chat) {
        this.reports = reports;
        this.products = products;
        this.social = social;
        this.profiles = profiles;
        this.chat = chat;
    }

    @RateLimited(Action.REPORT)
    public Filed report(Caller caller, ReportTarget type, String targetId, ReportReason reason, String text) {
        if (reason == ReportReason.OTHER && (text == null || text.isBlank())) {
            throw ApiException.badRequest("text", "tell us what is wrong when the reason is OTHER");
        }
        Target target = resolve(caller, type, targetId);
        if (target.owner().equals(caller.id())) {
            throw ApiException.unprocessable("You can not report yourself or your own content");
        }
        String normalisedId = type == ReportTarget.USER ? targetId : Long.toString(number(targetId));
        String note = text == null || text.isBlank() ? null : text.strip();
        return reports.insert(
                        caller.id(),
                        type,
                        normalisedId,
                        target.owner(),
                        clip(target.summary()),
                        reason,
                        note,
                        Clock.now())
                .map(r -> new Filed(r, true))
                .or(() -> reports.openOf(caller.id(), type, normalisedId).map(r -> new Filed(r, false)))
                // the open report was closed between the two statements: the caller may send it again
                .orElseThrow(() -> ApiException.conflict("Your report on this was handled meanwhile"));
    }

    private Target resolve(Caller caller, ReportTarget type, String targetId) {
        switch (type) {
            case LISTING -> {
                long id = number(targetId);
                Product p = products.findVisible(caller, id);
                return new Target(p.sellerId(), p.title());
            }
            case COMMENT -> {
                long id = number(targetId);
                Comment c = social.findComment(id)
                        .filter(x -> x.deletedAt() == null)
                        .orElseThrow(() -> ApiException.notFound("Comment " + id));
                return new Target(c.authorId(), c.content());
            }
            case USER -> {
                Profile p = profiles.find(targetId).orElseThrow(() -> ApiException.notFound("User " + targetId));
                return new Target(p.id(), p.nickname());
            }
            case MESSAGE -> {
                long id = number(targetId);
                // Someone outside the room learns nothing about it: the same 404 as no message at all.
                ChatMessage m = chat.message(id)
                        .filter(x -> x.hasParty(caller.id()))
                        .orElseThrow(() -> ApiException.notFound("Message " + id));
                return new Target(m.senderId(), m.content());
            }
            default -> throw new IllegalArgumentException(type.name());
        }
    }

    /** Listings, comments and messages have int64 ids, sent as decimal text. */
    private static long number(String targetId) {
        try {
            long id = Long.parseLong(targetId);
            if (id <= 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("targetId", "must be a positive decimal id for this target type");
        }
    }

    private static String clip(String s) {
        return s.codePointCount(0, s.length()) <= SUMMARY_MAX
                ? s
                : s.substring(0, s.offsetByCodePoints(0, SUMMARY_MAX));
    }
}
