import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { nextPageParam } from '../api/client';
import type { ChatMessage } from '../api/types';
import { listRooms } from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';
import { LoadMore } from '../components/InfiniteList';
import { Empty, ErrorState, Loading } from '../components/Status';
import { type Translate, useI18n } from '../i18n';
import { formatPrice, timeAgo } from '../lib/format';
import { keys } from '../lib/queries';

export default function ChatListPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const rooms = useInfiniteQuery({
    queryKey: keys.rooms,
    queryFn: ({ pageParam }) => listRooms(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageParam,
    refetchInterval: 30000,
  });
  return (
    <section className="page" aria-labelledby="chat-title">
      <h1 id="chat-title">{t('chat.title')}</h1>
      {rooms.isPending ? (
        <Loading />
      ) : rooms.isError ? (
        <ErrorState error={rooms.error} onRetry={() => void rooms.refetch()} />
      ) : rooms.data.pages[0].items.length === 0 ? (
        <Empty>{t('chat.empty')}</Empty>
      ) : (
        <>
          <ul className="room-list">
            {rooms.data.pages
              .flatMap((p) => p.items)
              .map((r) => {
                const other = r.seller.id === user?.id ? r.buyer : r.seller;
                return (
                  <li key={r.id}>
                    <Link to={`/chat/${r.id}`} className="room">
                      <div className="avatar" aria-hidden="true">
                        {(other.nickname ?? '?').slice(0, 1)}
                      </div>
                      <div className="room-body">
                        <p>
                          <strong>{other.nickname ?? other.id}</strong>{' '}
                          <span className="muted small">{timeAgo(r.updatedAt, t)}</span>
                        </p>
                        <p className="room-last">{lastMessageText(r.lastMessage, t) ?? r.product.title}</p>
                        <p className="muted small">
                          {r.product.title} · {formatPrice(r.product.price, t)}
                        </p>
                      </div>
                      {r.unreadCount > 0 && (
                        <span className="count-badge" role="img" aria-label={t('chat.unread', { n: r.unreadCount })}>
                          {r.unreadCount}
                        </span>
                      )}
                      {r.product.thumbnailUrl && (
                        <img
                          className="room-thumb"
                          src={r.product.thumbnailUrl}
                          alt=""
                          loading="lazy"
                          width={48}
                          height={48}
                        />
                      )}
                    </Link>
                  </li>
                );
              })}
          </ul>
          <LoadMore
            hasNextPage={rooms.hasNextPage}
            isFetchingNextPage={rooms.isFetchingNextPage}
            fetchNextPage={() => void rooms.fetchNextPage()}
          />
        </>
      )}
    </section>
  );
}

/** The room list's one line about the last message; a photo sent without a caption reads "사진 2장". */
export function lastMessageText(m: ChatMessage | null | undefined, t: Translate): string | null {
  if (!m) return null;
  if (m.type === 'PHOTO' && !m.content)
    return m.photos?.length ? t('chat.photoPreview', { n: m.photos.length }) : t('chat.photo');
  return m.content;
}
