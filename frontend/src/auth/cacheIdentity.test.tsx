import { describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { useCacheFollowsIdentity } from './cacheIdentity';

// A page that asks the server who it is talking to, as a listing hidden by moderation would.
function Probe({ ready, userId, ask }: { ready: boolean; userId: string | null; ask: () => Promise<string> }) {
  useCacheFollowsIdentity(ready, userId);
  const q = useQuery({ queryKey: ['who'], queryFn: ask, staleTime: Number.POSITIVE_INFINITY });
  return <p>{q.data ?? '…'}</p>;
}

function setup() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let answer = 'anonymous';
  const ask = async () => answer;
  const wrap = (ui: ReactNode) => <QueryClientProvider client={qc}>{ui}</QueryClientProvider>;
  return { qc, ask, setAnswer: (a: string) => (answer = a), wrap };
}

describe('the query cache follows the signed-in identity', () => {
  it('asks again with the token once the startup silent sign-in finds a session', async () => {
    const { ask, setAnswer, wrap } = setup();
    const view = render(wrap(<Probe ready={false} userId={null} ask={ask} />));
    expect(await screen.findByText('anonymous')).toBeTruthy();
    setAnswer('alice');
    view.rerender(wrap(<Probe ready userId="alice" ask={ask} />));
    expect(await screen.findByText('alice')).toBeTruthy();
  });

  it('keeps what an anonymous visitor was shown when there is no session', async () => {
    const { ask, setAnswer, wrap } = setup();
    const view = render(wrap(<Probe ready={false} userId={null} ask={ask} />));
    expect(await screen.findByText('anonymous')).toBeTruthy();
    setAnswer('asked again');
    view.rerender(wrap(<Probe ready userId={null} ask={ask} />));
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(screen.getByText('anonymous')).toBeTruthy();
  });

  it("drops the previous user's answers when another user signs in", async () => {
    const { wrap } = setup();
    // the server answers as whoever the token names; bob's answer takes a while
    let signedIn = 'alice';
    let release: () => void = () => {};
    const ask = () =>
      signedIn === 'alice'
        ? Promise.resolve('alice')
        : new Promise<string>((resolve) => {
            release = () => resolve(signedIn);
          });
    const view = render(wrap(<Probe ready userId="alice" ask={ask} />));
    expect(await screen.findByText('alice')).toBeTruthy();
    signedIn = 'bob';
    view.rerender(wrap(<Probe ready userId="bob" ask={ask} />));
    // while bob's answer is on its way, alice's is no longer shown
    await waitFor(() => expect(screen.queryByText('alice')).toBeNull());
    release();
    expect(await screen.findByText('bob')).toBeTruthy();
  });
});
