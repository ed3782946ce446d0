import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';

/**
 * Keeps the query cache true to who is signed in. Pages render while the startup silent sign-in is still under
 * way, so their first requests go out without a token: a listing hidden by moderation answers 404 to anyone but
 * its seller, "my review" and "liked" flags answer for nobody. When the session turns out to belong to someone,
 * everything is asked again with their token; when it changes to another user (or to nobody), what the old one
 * was shown is dropped, not merely marked stale.
 */
export function useCacheFollowsIdentity(ready: boolean, userId: string | null): void {
  const qc = useQueryClient();
  // the identity the cached answers were asked as: nobody, until a session is known
  const cachedAs = useRef<string | null>(null);
  useEffect(() => {
    if (!ready || cachedAs.current === userId) return;
    const before = cachedAs.current;
    cachedAs.current = userId;
    if (before === null) {
      void qc.invalidateQueries();
    } else {
      void qc.resetQueries();
    }
  }, [ready, userId, qc]);
}
