import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { nextPageParam } from '../api/client';
import { getUser, listProducts } from '../api/endpoints';
import { LoadMore } from '../components/InfiniteList';
import { ProductCard } from '../components/ProductCard';
import { ReportButton } from '../components/ReportDialog';
import { useAuth } from '../auth/AuthContext';
import { Empty, ErrorState, Loading } from '../components/Status';
import { useI18n } from '../i18n';
import { mannerClass } from '../lib/format';
import { keys } from '../lib/queries';

/** A seller's public profile (never the email) and their listings. */
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
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  const p = profile.data;
  const list = items.data?.pages.flatMap((x) => x.items) ?? [];
  return (
    <section className="page" aria-labelledby="user-title">
      <div className="profile-head">
        <div className="avatar" aria-hidden="true">
          {p.nickname.slice(0, 1)}
        </div>
        <div>
          <h1 id="user-title">{t('user.title', { name: p.nickname })}</h1>
          <p className="muted small">
            {p.region ?? ''} · {t('user.onSale', { n: p.onSaleCount })} · {t('user.sold', { n: p.soldCount })}
          </p>
        </div>
        <div className={`manner ${mannerClass(Number(p.mannerTemperature))}`}>
          <strong>{Number(p.mannerTemperature).toFixed(1)}°C</strong>
          <span className="muted small">{t('product.manner')}</span>
        </div>
      </div>
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
