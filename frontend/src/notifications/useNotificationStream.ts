import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getAccessToken } from '../api/client';
import { listNotifications } from '../api/endpoints';
import { streamSse } from '../api/sse';
import { useAuth } from '../auth/AuthContext';
import { keys } from '../lib/queries';

export function useUnreadCount() {
  const { user } = useAuth();
  return useQuery({
    queryKey: [...keys.unread, user?.id],
    enabled: !!user,
    queryFn: async () => {
      const page = await listNotifications();
      return page.unreadCount ?? page.items.filter((n) => !n.read).length;
    },
    retry: false,
    staleTime: 30 * 1000,
  });
}

/** Live bell: each SSE "notification" event bumps the unread count and refreshes the inbox. */
export function useNotificationStream() {
  const { user } = useAuth();
  const qc = useQueryClient();
  // biome-ignore lint/correctness/useExhaustiveDependencies: one connection per signed-in user: reconnect when the user id changes, not on every new user object
  useEffect(() => {
    if (!user) return;
    const ctrl = new AbortController();
    void streamSse('/api/me/notifications/stream', {
      getToken: getAccessToken,
      signal: ctrl.signal,
      onOpen: () => void qc.invalidateQueries({ queryKey: keys.unread }),
      onEvent: (ev) => {
        if (ev.event !== 'notification' && ev.event !== 'message') return;
        // Count it at once, then take the server's number (an in-flight refetch may predate this event).
        qc.setQueryData<number>([...keys.unread, user.id], (n) => (n ?? 0) + 1);
        void qc.invalidateQueries({ queryKey: keys.unread });
        void qc.invalidateQueries({ queryKey: keys.notifications });
      },
    });
    return () => ctrl.abort();
  }, [user?.id, qc]);
}
