import { CarrotIcon, ChatIcon } from './Icons';
import { Link } from 'react-router-dom';
import type { ProductSummary } from '../api/types';
import { useI18n } from '../i18n';
import { formatPrice, timeAgo } from '../lib/format';

export function StatusBadge({ status }: { status: ProductSummary['status'] }) {
  const { t } = useI18n();
  if (status === 'ON_SALE') return null;
  return <span className={`badge badge-${status.toLowerCase()}`}>{t(`status.${status}`)}</span>;
}

/** heading: the level of the card's title under the page's headings (the feed has only its h1 above the list). */
export function ProductCard({
  product,
  as: Tag = 'li',
  heading: Title = 'h3',
}: {
  product: ProductSummary;
  as?: 'li' | 'div';
  heading?: 'h2' | 'h3';
}) {
  const { t } = useI18n();
  return (
    <Tag className="card">
      <Link to={`/products/${product.id}`} className="card-link">
        <div className="thumb">
          {product.thumbnailUrl ? (
            <img src={product.thumbnailUrl} alt="" loading="lazy" decoding="async" width={112} height={112} />
          ) : (
            <span className="thumb-empty">
              <CarrotIcon size={40} />
            </span>
          )}
        </div>
        <div className="card-body">
          <Title className="card-title">{product.title}</Title>
          <p className="card-meta">
            {product.region} · <time dateTime={product.bumpedAt}>{timeAgo(product.bumpedAt, t)}</time>
          </p>
          <p className="card-price">
            <StatusBadge status={product.status} />
            <span className={product.price === 0 ? 'price free' : 'price'}>{formatPrice(product.price, t)}</span>
          </p>
          <p className="card-counts">
            {product.chatCount > 0 && (
              <span role="img" aria-label={t('product.chats', { n: product.chatCount })}>
                <ChatIcon size={14} /> {product.chatCount}
              </span>
            )}
            {product.likeCount > 0 && (
              <span role="img" aria-label={t('product.likes', { n: product.likeCount })}>
                ♡ {product.likeCount}
              </span>
            )}
          </p>
        </div>
      </Link>
    </Tag>
  );
}
