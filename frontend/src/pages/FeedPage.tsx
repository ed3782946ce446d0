import { useState, type FormEvent } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { nextPageParam } from '../api/client';
import { listProducts } from '../api/endpoints';
import { RANGE_STEPS, type ProductQuery, type ProductSort, type RangeStep } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { LoadMore } from '../components/InfiniteList';
import { ProductCard } from '../components/ProductCard';
import { RegionPicker } from '../components/RegionPicker';
import { Empty, ErrorState, Loading } from '../components/Status';
import { useI18n } from '../i18n';
import { keys, useCategories, useMe } from '../lib/queries';

const SORTS: ProductSort[] = ['latest', 'price_asc', 'price_desc', 'popular'];

/**
 * Where the feed looks, from the URL: region=all → everywhere; regionCode → around that 동; nothing → the server's
 * default (a signed-in user's 동네 with their saved range; everywhere for anonymous visitors). range → how far.
 */
export function feedPlace(params: URLSearchParams): Pick<ProductQuery, 'region' | 'regionCode' | 'range'> {
  if (params.get('region') === 'all') return { region: 'all' };
  const code = params.get('regionCode');
  const range = params.get('range');
  return {
    regionCode: code && /^\d{10}$/.test(code) ? code : undefined,
    range: range && /^[0-3]$/.test(range) ? (Number(range) as RangeStep) : undefined,
  };
}

/** The URL's parameters with the place replaced (the range is kept unless the place goes away). */
function placeParams(params: URLSearchParams, place: Record<string, string>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const k of ['region', 'regionCode', 'regionName']) next.delete(k);
  for (const [k, v] of Object.entries(place)) next.set(k, v);
  if (place.region === 'all') next.delete('range');
  return next;
}

export function FeedPage() {
  const { t, lang } = useI18n();
  const { user, ready } = useAuth();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(params.get('q') ?? '');
  const [showFilters, setShowFilters] = useState(false);
  const categories = useCategories();

  const homeRegion = user ? me.data?.region : null;
  const place = feedPlace(params);
  const everywhere = place.region === 'all' || (!place.regionCode && !homeRegion);
  const centreName = place.regionCode ? params.get('regionName') : homeRegion;
  const step = place.range ?? (place.regionCode || !me.data ? 1 : me.data.range);
  const [picking, setPicking] = useState(false);
  const num = (k: string) => {
    const v = params.get(k);
    return v && /^\d+$/.test(v) ? Number(v) : undefined;
  };
  const query: ProductQuery = {
    q: params.get('q') || undefined,
    category: params.get('category') || undefined,
    ...place,
    minPrice: num('minPrice'),
    maxPrice: num('maxPrice'),
    sort: (params.get('sort') as ProductSort) || undefined,
    size: 20,
  };
  // Wait for the startup sign-in and then the profile, so a signed-in user does not first see every 동네 flash by
  // (and the list shift under the chips that appear). A browser that never signed in is ready at once.
  const waitingForHome = (!ready || (!!user && me.isPending)) && !params.get('region') && !place.regionCode;

  const feed = useInfiniteQuery({
    queryKey: keys.products(query),
    queryFn: ({ pageParam, signal }) => listProducts(query, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageParam,
    enabled: !waitingForHome,
  });

  const update = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: k !== 'q' });
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    update('q', draft.trim() || undefined);
  };

  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="page" aria-labelledby="feed-title">
      <h1 id="feed-title" className="sr-only">
        {t('feed.title')}
      </h1>
      <form role="search" className="search" onSubmit={onSearch}>
        <label htmlFor="q" className="sr-only">
          {t('feed.search')}
        </label>
        <input
          id="q"
          type="search"
          value={draft}
          placeholder={t('feed.searchPlaceholder')}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="btn">
          {t('feed.search')}
        </button>
      </form>

      <div className="chips" role="group" aria-label={t('feed.filters')}>
        {centreName && (
          <button
            type="button"
            className={!everywhere ? 'chip chip-on' : 'chip'}
            aria-pressed={!everywhere}
            onClick={() =>
              setParams(
                placeParams(
                  params,
                  homeRegion || !place.regionCode ? {} : { regionCode: place.regionCode, regionName: centreName },
                ),
                { replace: true },
              )
            }
          >
            {t('feed.myRegion', { region: centreName })}
          </button>
        )}
        <button
          type="button"
          className={everywhere ? 'chip chip-on' : 'chip'}
          aria-pressed={everywhere}
          onClick={() => setParams(placeParams(params, user && homeRegion ? { region: 'all' } : {}), { replace: true })}
        >
          {t('feed.allRegions')}
        </button>
        <button type="button" className="chip" aria-expanded={picking} onClick={() => setPicking((p) => !p)}>
          {t('region.pick')} ▾
        </button>
        <button
          type="button"
          className="chip"
          aria-expanded={showFilters}
          aria-controls="feed-filters"
          onClick={() => setShowFilters((s) => !s)}
        >
          {t('feed.filters')} ▾
        </button>
      </div>
      {!everywhere && (
        <div className="chips" role="group" aria-label={t('region.range')}>
          {RANGE_STEPS.map((s) => (
            <button
              key={s}
              type="button"
              className={step === s ? 'chip chip-on' : 'chip'}
              aria-pressed={step === s}
              onClick={() => update('range', String(s))}
            >
              {t(`range.${s}`)}
            </button>
          ))}
        </div>
      )}
      {picking && (
        <RegionPicker
          onPick={(r) => {
            setPicking(false);
            setParams(placeParams(params, { regionCode: r.code, regionName: r.dong }), { replace: true });
          }}
        />
      )}
      {user && me.data && !me.data.regionCode && <p className="hint">{t('feed.setRegion')}</p>}

      {showFilters && (
        <div id="feed-filters" className="filters">
          <label>
            {t('feed.category')}
            <select
              value={params.get('category') ?? ''}
              onChange={(e) => update('category', e.target.value || undefined)}
            >
              <option value="">{t('feed.allCategories')}</option>
              {categories.data?.map((c) => (
                <option key={c.code} value={c.code}>
                  {lang === 'en' ? c.nameEn : c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('feed.minPrice')}
            <input
              inputMode="numeric"
              value={params.get('minPrice') ?? ''}
              onChange={(e) => update('minPrice', e.target.value.replace(/\D/g, '') || undefined)}
            />
          </label>
          <label>
            {t('feed.maxPrice')}
            <input
              inputMode="numeric"
              value={params.get('maxPrice') ?? ''}
              onChange={(e) => update('maxPrice', e.target.value.replace(/\D/g, '') || undefined)}
            />
          </label>
          <label>
            {t('feed.sort')}
            <select
              value={params.get('sort') ?? 'latest'}
              onChange={(e) => update('sort', e.target.value === 'latest' ? undefined : e.target.value)}
            >
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`sort.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}

      {feed.isPending || waitingForHome ? (
        <Loading />
      ) : feed.isError ? (
        <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{query.q ? t('feed.emptySearch') : t('feed.empty')}</Empty>
      ) : (
        <>
          <ul className="product-list" aria-label={t('feed.title')}>
            {items.map((p) => (
              <ProductCard key={p.id} product={p} heading="h2" />
            ))}
          </ul>
          <LoadMore
            hasNextPage={feed.hasNextPage}
            isFetchingNextPage={feed.isFetchingNextPage}
            fetchNextPage={() => void feed.fetchNextPage()}
          />
        </>
      )}
    </section>
  );
}
