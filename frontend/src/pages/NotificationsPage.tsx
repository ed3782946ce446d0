import { useEffect } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { nextPageParam } from '../api/client';
import { listNotices, listNotifications, markNotificationsRead } from '../api/endpoints';
import type { NotificationItem } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { LoadMore } from '../components/InfiniteList';
import { Empty, ErrorState, InlineError, Loading } from '../components/Status';
import { useI18n } from '../i18n';
import { timeAgo } from '../lib/format';
import { keys } from '../lib/queries';

/** Where a notification leads, from its data (productId / roomId / link). */
export function notificationTarget(n: NotificationItem): string | null {
  const d = n.data ?? {};
  if (d.roomId != null) return `/chat/${d.roomId}`;
  if (d.productId != null) return `/products/${d.productId}`;
  if (typeof d.link === 'string' && d.link.startsWith('/')) return d.link;
  return null;
}

export default function NotificationsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const qc = useQueryClient();
  const inbox = useInfiniteQuery({
    queryKey: keys.notifications,
    queryFn: ({ pageParam }) => listNotifications(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageParam,
  });
  const notices = useQuery({ queryKey: keys.notices, queryFn: () => listNotices() });
  const markRead = useMutation({
    mutationFn: (upToId: number) => markNotificationsRead(upToId),
    onSuccess: () => {
      qc.setQueryData([...keys.unread, user?.id], 0);
      void qc.invalidateQueries({ queryKey: keys.notifications });
    },
  });
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  const newest = items[0];
  const hasUnread = items.some((n) => !n.read);

  // Opening the inbox reads what is in it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: mark read once per newest item, not again when the mutation's state changes
  useEffect(() => {
    if (newest && hasUnread && !markRead.isPending && !markRead.isSuccess) markRead.mutate(newest.id);
  }, [newest?.id, hasUnread]);

  return (
    <section className="page" aria-labelledby="noti-title">
      <h1 id="noti-title">{t('noti.title')}</h1>
      <p>
        <Link to="/settings">{t('settings.title')} ›</Link>
      </p>
      {inbox.isPending ? (
        <Loading />
      ) : inbox.isError ? (
        <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{t('noti.empty')}</Empty>
      ) : (
        <>
          <ul className="noti-list">
            {items.map((n) => {
              const to = notificationTarget(n);
              const body = (
                <>
                  <strong>{n.title}</strong>
                  <p>{n.body}</p>
                  <span className="muted small">{timeAgo(n.createdAt, t)}</span>
                </>
              );
              return (
                <li key={n.id} className={n.read ? 'noti' : 'noti unread'}>
                  {to ? <Link to={to}>{body}</Link> : body}
                </li>
              );
            })}
          </ul>
          <LoadMore
            hasNextPage={inbox.hasNextPage}
            isFetchingNextPage={inbox.isFetchingNextPage}
            fetchNextPage={() => void inbox.fetchNextPage()}
          />
        </>
      )}
      <InlineError error={markRead.error} />
      <h2>{t('noti.notices')}</h2>
      {notices.isPending ? (
        <Loading />
      ) : notices.isError ? (
        <ErrorState error={notices.error} onRetry={() => void notices.refetch()} />
      ) : notices.data.items.length === 0 ? (
        <Empty>{t('noti.empty')}</Empty>
      ) : (
        <ul className="noti-list">
          {notices.data.items.map((n) => (
            <li key={n.id} className="noti">
              <strong>{n.title}</strong>
              <p>{n.body}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
