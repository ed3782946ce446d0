import { useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, nextPageParam } from '../api/client';
import {
  addComment,
  deleteComment,
  getProduct,
  listComments,
  openRoom,
  sendMessageRest,
  setLike,
} from '../api/endpoints';
import type { Product } from '../api/types';
import { hasRole, useAuth } from '../auth/AuthContext';
import { Carousel } from '../components/Carousel';
import { LoadMore } from '../components/InfiniteList';
import { StatusBadge } from '../components/ProductCard';
import { ProductManage } from '../components/ProductManage';
import { ReviewBanner } from '../components/ReviewForm';
import { ReportButton } from '../components/ReportDialog';
import { Empty, ErrorState, InlineError, Loading, NotFound } from '../components/Status';
import { useI18n } from '../i18n';
import { formatPrice, mannerClass, newClientMsgId, timeAgo } from '../lib/format';
import { keys, useCategories } from '../lib/queries';

export default function ProductPage() {
  const { id: rawId } = useParams();
  const id = Number(rawId);
  const { t, lang } = useI18n();
  const { ready, user, login } = useAuth();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const categories = useCategories();
  const product = useQuery({ queryKey: keys.product(id), queryFn: () => getProduct(id), enabled: Number.isFinite(id) });

  const like = useMutation({
    mutationFn: (liked: boolean) => setLike(id, liked),
    onMutate: (liked) => {
      qc.setQueryData<Product>(keys.product(id), (p) =>
        p ? { ...p, liked, likeCount: Math.max(0, p.likeCount + (liked ? 1 : -1)) } : p,
      );
    },
    onError: () => void qc.invalidateQueries({ queryKey: keys.product(id) }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.myLikes }),
  });
  const chat = useMutation({
    mutationFn: () => openRoom(id),
    onSuccess: (room) => {
      void qc.invalidateQueries({ queryKey: keys.rooms });
      navigate(`/chat/${room.id}`);
    },
  });

  const [showOffer, setShowOffer] = useState(false);
  const [offerAmount, setOfferAmount] = useState('');
  // 가격 제안하기: opens (or finds) the buyer's room and sends the offer there, then shows the room.
  const offer = useMutation({
    mutationFn: async (amount: number) => {
      const room = await openRoom(id);
      await sendMessageRest(room.id, '', newClientMsgId(), undefined, { amount });
      return room;
    },
    onSuccess: (room) => {
      void qc.invalidateQueries({ queryKey: keys.rooms });
      navigate(`/chat/${room.id}`);
    },
  });
  const onOffer = (e: FormEvent) => {
    e.preventDefault();
    const amount = Number(offerAmount);
    if (Number.isInteger(amount) && amount >= 1) offer.mutate(amount);
  };

  if (!Number.isFinite(id)) return <NotFound />;
  if (product.isPending) return <Loading />;
  if (product.isError) {
    // asked before the session was known: a listing hidden by moderation is its seller's to see, so wait for it
    if (product.error instanceof ApiError && product.error.status === 404) return ready ? <NotFound /> : <Loading />;
    return <ErrorState error={product.error} onRetry={() => void product.refetch()} />;
  }
  const p = product.data;
  const mine = user?.id === p.seller.id;
  const category = categories.data?.find((c) => c.code === p.category);
  const canOffer = !mine && p.negotiable && p.status === 'ON_SALE' && p.price > 0;

  return (
    <article className="page product" aria-labelledby="product-title">
      <Carousel images={p.images ?? []} title={p.title} />
      <section className="seller" aria-label={p.seller.nickname}>
        <div className="avatar" aria-hidden="true">
          {p.seller.nickname.slice(0, 1)}
        </div>
        <div className="seller-info">
          <Link to={`/users/${encodeURIComponent(p.seller.id)}`}>
            <strong>{p.seller.nickname}</strong>
          </Link>
          <span className="muted">{p.region}</span>
        </div>
        <div className={`manner ${mannerClass(Number(p.seller.mannerTemperature))}`}>
          <strong>{Number(p.seller.mannerTemperature ?? 36.5).toFixed(1)}°C</strong>
          <span className="muted small">{t('product.manner')}</span>
        </div>
      </section>
      <section className="product-body">
        <h1 id="product-title">
          <StatusBadge status={p.status} /> {p.title}
        </h1>
        <p className="muted small">
          {category ? (lang === 'en' ? category.nameEn : category.name) : p.category} ·{' '}
          <time dateTime={p.bumpedAt}>{timeAgo(p.bumpedAt, t)}</time>
        </p>
        <p className="description">{p.description}</p>
        <p className="muted small">
          {t('product.chats', { n: p.chatCount })} · {t('product.likes', { n: p.likeCount })} ·{' '}
          {t('product.views', { n: p.viewCount })}
        </p>
        {p.hidden && (
          <p className="hidden-banner" role="note">
            {t('product.hidden')}
          </p>
        )}
        {!mine && <ReportButton targetType="LISTING" targetId={p.id} />}
      </section>

      {mine && <ProductManage product={p} afterDelete="/my" />}
      {user && <ReviewBanner productId={id} sold={p.status === 'SOLD'} />}

      <Comments productId={id} />

      {canOffer && showOffer && user && (
        <form className="appointment-form offer-form" onSubmit={onOffer} aria-label={t('offer.title')}>
          <label>
            {t('offer.amount')}
            <input
              type="number"
              inputMode="numeric"
              required
              min={1}
              max={p.price - 1}
              step={1}
              value={offerAmount}
              onChange={(e) => setOfferAmount(e.target.value)}
            />
          </label>
          <button type="submit" className="btn btn-small" disabled={offer.isPending}>
            {t('offer.send')}
          </button>
        </form>
      )}

      <div className="action-bar">
        <button
          type="button"
          className={p.liked ? 'like-button liked' : 'like-button'}
          aria-pressed={!!p.liked}
          aria-label={p.liked ? t('product.unlike') : t('product.like')}
          disabled={mine || like.isPending}
          onClick={() => (user ? like.mutate(!p.liked) : void login())}
        >
          {p.liked ? '♥' : '♡'}
        </button>
        <div className="action-price">
          <strong className={p.price === 0 ? 'price free' : 'price'}>{formatPrice(p.price, t)}</strong>
          {p.negotiable && p.price > 0 && <span className="muted small">{t('price.negotiable')}</span>}
        </div>
        {canOffer && (
          <button
            type="button"
            className="btn btn-ghost"
            aria-expanded={showOffer}
            onClick={() => (user ? setShowOffer((v) => !v) : void login())}
          >
            {t('offer.button')}
          </button>
        )}
        {mine ? (
          <span className="muted">{t('product.myListing')}</span>
        ) : (
          <button
            type="button"
            className="btn"
            disabled={chat.isPending}
            onClick={() => (user ? chat.mutate() : void login())}
          >
            {t('product.chat')}
          </button>
        )}
      </div>
      <InlineError error={like.error ?? chat.error ?? offer.error} />
    </article>
  );
}

function Comments({ productId }: { productId: number }) {
  const { t } = useI18n();
  const { user, login } = useAuth();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const comments = useInfiniteQuery({
    queryKey: keys.comments(productId),
    queryFn: ({ pageParam }) => listComments(productId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageParam,
  });
  const add = useMutation({
    mutationFn: (content: string) => addComment(productId, content),
    onSuccess: () => {
      setText('');
      void qc.invalidateQueries({ queryKey: keys.comments(productId) });
      void qc.invalidateQueries({ queryKey: keys.product(productId) });
    },
  });
  const del = useMutation({
    mutationFn: (id: number) => deleteComment(id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.comments(productId) }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) add.mutate(text.trim());
  };
  const items = comments.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{t('product.commentsTitle')}</h2>
      {comments.isPending ? (
        <Loading />
      ) : comments.isError ? (
        <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{t('product.noComments')}</Empty>
      ) : (
        <>
          <ul className="comment-list">
            {items.map((c) => (
              <li key={c.id}>
                <strong>{c.author.nickname}</strong> <span className="muted small">{timeAgo(c.createdAt, t)}</span>
                <p>{c.content}</p>
                {(user?.id === c.author.id || hasRole(user, 'admin')) && (
                  <button type="button" className="link-button small" onClick={() => del.mutate(c.id)}>
                    {t('common.delete')}
                  </button>
                )}
                {user?.id !== c.author.id && <ReportButton targetType="COMMENT" targetId={c.id} />}
              </li>
            ))}
          </ul>
          {comments.hasNextPage && (
            <LoadMore
              hasNextPage
              isFetchingNextPage={comments.isFetchingNextPage}
              fetchNextPage={() => void comments.fetchNextPage()}
            />
          )}
        </>
      )}
      {user ? (
        <form className="comment-form" onSubmit={onSubmit}>
          <label htmlFor="comment-input" className="sr-only">
            {t('product.commentLabel')}
          </label>
          <input
            id="comment-input"
            value={text}
            maxLength={1000}
            placeholder={t('product.commentLabel')}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="btn btn-small" disabled={add.isPending || !text.trim()}>
            {t('product.commentSend')}
          </button>
        </form>
      ) : (
        <button type="button" className="link-button" onClick={() => void login()}>
          {t('product.commentLogin')}
        </button>
      )}
      <InlineError error={add.error ?? del.error} />
    </section>
  );
}
