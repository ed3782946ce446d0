import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { nextPageParam } from '../api/client';
import { blockUser, getBlock, getUser, listProducts, listUserReviews, unblockUser } from '../api/endpoints';
import type { ReceivedReview } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { LoadMore } from '../components/InfiniteList';
import { ProductCard } from '../components/ProductCard';
import { VerifiedBadge } from '../components/Neighbourhood';
import { Empty, ErrorState, InlineError, Loading } from '../components/Status';
import { ReportButton } from '../components/ReportDialog';
import { useI18n } from '../i18n';
import { formatDate, mannerClass } from '../lib/format';
import { keys } from '../lib/queries';

/** A user's public profile (never the email): 매너온도, review chips, received reviews, listings; 차단. */
export default function UserPage() {
  const id = useParams().id ?? '';
  const { t } = useI18n();
  const { user } = useAuth();
  const profile = useQuery({ queryKey: keys.user(id), queryFn: () => getUser(id) });
  const query = { sellerId: id, size: 20 };
  const items = useInfiniteQuery({
    queryKey: keys.products(query),
    queryFn: ({ pageParam, signal }) => listProducts(query, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageParam,
  });
  const reviews = useInfiniteQuery({
    queryKey: keys.userReviews(id),
    queryFn: ({ pageParam }) => listUserReviews(id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageParam,
  });
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  const p = profile.data;
  const list = items.data?.pages.flatMap((x) => x.items) ?? [];
  const received = reviews.data?.pages.flatMap((x) => x.items) ?? [];
  return (
    <section className="page" aria-labelledby="user-title">
      <div className="profile-head">
        <div className="avatar" aria-hidden="true">
          {p.nickname.slice(0, 1)}
        </div>
        <div>
          <h1 id="user-title">{t('user.title', { name: p.nickname })}</h1>
          <p className="muted small">
            {p.region ?? ''} {p.region && <VerifiedBadge at={p.regionVerifiedAt} />} ·{' '}
            {t('user.onSale', { n: p.onSaleCount })} · {t('user.sold', { n: p.soldCount })}
          </p>
        </div>
        <div className={`manner ${mannerClass(Number(p.mannerTemperature))}`}>
          <strong>{Number(p.mannerTemperature).toFixed(1)}°C</strong>
          <span className="muted small">{t('product.manner')}</span>
        </div>
      </div>
      {user && user.id !== id && <BlockButton userId={id} nickname={p.nickname} />}
      {!!p.chips?.length && (
        <>
          <h2>{t('user.chips')}</h2>
          <ul className="chips" aria-label={t('user.chips')}>
            {p.chips.map((c) => (
              <li key={c.code} className="chip">
                {t(`review.chip.${c.code}`)} <strong>{c.count}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('user.reviews', { n: p.reviewCount ?? received.length })}</h2>
      {reviews.isPending ? (
        <Loading />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : received.length === 0 ? (
        <Empty>{t('user.noReviews')}</Empty>
      ) : (
        <>
          <ul className="reviews">
            {received.map((r) => (
              <ReviewItem key={r.id} review={r} />
            ))}
          </ul>
          <LoadMore
            hasNextPage={reviews.hasNextPage}
            isFetchingNextPage={reviews.isFetchingNextPage}
            fetchNextPage={() => void reviews.fetchNextPage()}
          />
        </>
      )}
      {user?.id !== p.id && <ReportButton targetType="USER" targetId={p.id} />}
      <h2>{t('user.items')}</h2>
      {items.isPending ? (
        <Loading />
      ) : items.isError ? (
        <ErrorState error={items.error} onRetry={() => void items.refetch()} />
      ) : list.length === 0 ? (
        <Empty>{t('my.empty')}</Empty>
      ) : (
        <>
          <ul className="product-list">
            {list.map((x) => (
              <ProductCard key={x.id} product={x} />
            ))}
          </ul>
          <LoadMore
            hasNextPage={items.hasNextPage}
            isFetchingNextPage={items.isFetchingNextPage}
            fetchNextPage={() => void items.fetchNextPage()}
          />
        </>
      )}
    </section>
  );
}

function ReviewItem({ review: r }: { review: ReceivedReview }) {
  const { t } = useI18n();
  return (
    <li>
      <p>
        <Link to={`/users/${encodeURIComponent(r.reviewer.id)}`}>{r.reviewer.nickname}</Link>{' '}
        <span className="muted small">
          {t(`review.role.${r.reviewerRole}`)} · {formatDate(r.createdAt)}
        </span>
      </p>
      <p>
        <strong>{t(`review.rating.${r.rating}`)}</strong>
        {r.chips.length > 0 && <> · {r.chips.map((c) => t(`review.chip.${c}`)).join(', ')}</>}
      </p>
      {r.comment && <p>{r.comment}</p>}
      <p className="muted small">
        <Link to={`/products/${r.product.id}`}>{r.product.title}</Link>
      </p>
    </li>
  );
}

/** 차단하기 / 차단 해제 for a signed-in visitor on someone else's profile. */
function BlockButton({ userId, nickname }: { userId: string; nickname: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const block = useQuery({ queryKey: keys.block(userId), queryFn: () => getBlock(userId) });
  const change = useMutation({
    mutationFn: (blocked: boolean) => (blocked ? blockUser(userId).then(() => undefined) : unblockUser(userId)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.block(userId) });
      void qc.invalidateQueries({ queryKey: keys.blocks });
      void qc.invalidateQueries({ queryKey: ['products'] });
    },
  });
  if (block.isPending) return null;
  const blocked = !!block.data;
  const onClick = () => {
    if (!blocked && !window.confirm(t('user.blockConfirm', { name: nickname }))) return;
    change.mutate(!blocked);
  };
  return (
    <div className="block-action">
      {blocked && <p className="muted small">{t('user.blocked')}</p>}
      <button type="button" className="btn btn-small btn-ghost" disabled={change.isPending} onClick={onClick}>
        {blocked ? t('user.unblock') : t('user.block')}
      </button>
      <InlineError error={change.error} />
    </div>
  );
}
