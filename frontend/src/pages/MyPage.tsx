import { useEffect, useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { nextPageParam } from '../api/client';
import { listMyLikes, listMyProducts, listMyPurchases, updateMe } from '../api/endpoints';
import { PRODUCT_STATUSES, type Page, type ProductStatus, type ProductSummary } from '../api/types';
import { LoadMore } from '../components/InfiniteList';
import { ProductCard } from '../components/ProductCard';
import { NeighbourhoodSettings } from '../components/Neighbourhood';
import { ProductManage } from '../components/ProductManage';
import { Empty, ErrorState, InlineError, Loading } from '../components/Status';
import { useI18n } from '../i18n';
import { mannerClass } from '../lib/format';
import { keys, useMe } from '../lib/queries';

type Tab = ProductStatus | 'LIKES' | 'PURCHASES';

export default function MyPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('ON_SALE');
  const tabs: Tab[] = [...PRODUCT_STATUSES, 'PURCHASES', 'LIKES'];
  return (
    <section className="page" aria-labelledby="my-title">
      <h1 id="my-title">{t('my.title')}</h1>
      <Profile />
      <p>
        <Link to="/settings">{t('my.settings')} ›</Link> · <Link to="/licenses">{t('licenses.title')} ›</Link>
      </p>
      <div role="tablist" className="tabs" aria-label={t('my.listings')}>
        {tabs.map((k) => (
          <button
            type="button"
            key={k}
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls="my-panel"
            className={tab === k ? 'tab tab-on' : 'tab'}
            onClick={() => setTab(k)}
          >
            {k === 'LIKES' ? t('my.likes') : k === 'PURCHASES' ? t('my.purchases') : t(`status.${k}`)}
          </button>
        ))}
      </div>
      <div id="my-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'LIKES' ? <Likes /> : tab === 'PURCHASES' ? <Purchases /> : <Listings status={tab} />}
      </div>
    </section>
  );
}

function Profile() {
  const { t } = useI18n();
  const me = useMe();
  const qc = useQueryClient();
  const [nickname, setNickname] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (me.data) setNickname(me.data.nickname);
  }, [me.data]);
  const save = useMutation({
    mutationFn: () => updateMe({ nickname: nickname.trim() }, me.data?.version),
    onSuccess: () => {
      setSaved(true);
      void qc.invalidateQueries({ queryKey: keys.me });
    },
  });
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  };
  return (
    <>
      <form className="profile form" onSubmit={onSubmit} aria-label={t('my.profile')}>
        <div className="profile-head">
          <div className="avatar" aria-hidden="true">
            {me.data.nickname.slice(0, 1)}
          </div>
          <div className={`manner ${mannerClass(me.data.mannerTemperature)}`}>
            <strong>{me.data.mannerTemperature.toFixed(1)}°C</strong>{' '}
            <span className="muted small">{t('product.manner')}</span>
          </div>
        </div>
        <label>
          {t('my.nickname')}
          <input value={nickname} maxLength={30} onChange={(e) => setNickname(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-small" disabled={save.isPending || !nickname.trim()}>
          {t('common.save')}
        </button>
        <span role="status" className="note">
          {saved ? t('common.saved') : ''}
        </span>
        <InlineError error={save.error} />
      </form>
      <NeighbourhoodSettings me={me.data} />
    </>
  );
}

function Listings({ status }: { status: ProductStatus }) {
  const { t } = useI18n();
  const q = useInfiniteQuery({
    queryKey: keys.myProducts(status),
    queryFn: ({ pageParam }) => listMyProducts(status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageParam,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data.pages.flatMap((p) => p.items);
  if (!items.length) return <Empty>{t('my.empty')}</Empty>;
  return (
    <>
      <ul className="product-list">
        {items.map((p) => (
          <li key={p.id} className="my-item">
            <ProductCard product={p} as="div" heading="h2" />
            <details>
              <summary>{t('product.manage')}</summary>
              <ProductManage product={p} />
            </details>
          </li>
        ))}
      </ul>
      <LoadMore
        hasNextPage={q.hasNextPage}
        isFetchingNextPage={q.isFetchingNextPage}
        fetchNextPage={() => void q.fetchNextPage()}
      />
    </>
  );
}

/** A paged list of listing cards (관심목록, 구매내역). */
function ProductPages({
  queryKey,
  fetchPage,
  empty,
}: {
  queryKey: readonly unknown[];
  fetchPage: (cursor?: string) => Promise<Page<ProductSummary>>;
  empty: string;
}) {
  const q = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageParam,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data.pages.flatMap((p) => p.items);
  if (!items.length) return <Empty>{empty}</Empty>;
  return (
    <>
      <ul className="product-list">
        {items.map((p) => (
          <ProductCard key={p.id} product={p} heading="h2" />
        ))}
      </ul>
      <LoadMore
        hasNextPage={q.hasNextPage}
        isFetchingNextPage={q.isFetchingNextPage}
        fetchNextPage={() => void q.fetchNextPage()}
      />
    </>
  );
}

function Likes() {
  const { t } = useI18n();
  return <ProductPages queryKey={keys.myLikes} fetchPage={listMyLikes} empty={t('my.noLikes')} />;
}

/** 구매내역: what the user bought (they were the buyer of the listing's trade). */
function Purchases() {
  const { t } = useI18n();
  return <ProductPages queryKey={keys.myPurchases} fetchPage={listMyPurchases} empty={t('my.noPurchases')} />;
}
