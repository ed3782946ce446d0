import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import AdminPage from './AdminPage';
import { fakeAuth, jsonResponse, renderWith } from '../test/render';

afterEach(() => vi.unstubAllGlobals());

const listingReport = {
  id: 11,
  targetType: 'LISTING',
  targetId: '42',
  targetSummary: '수상한 아이폰',
  targetOwner: { id: 'alice-id', nickname: 'alice' },
  reporter: { id: 'bob-id', nickname: 'bob' },
  reason: 'FRAUD',
  text: '선입금 요구',
  status: 'OPEN',
  reportsOnTarget: 2,
  createdAt: '2026-12-01T10:00:00Z',
  resolvedAt: null,
};
const commentReport = {
  ...listingReport,
  id: 12,
  targetType: 'COMMENT',
  targetId: '7',
  targetSummary: '욕설 댓글',
  reason: 'ABUSE',
  text: null,
};

type Call = { url: string; method: string; body?: unknown };

function stub(routes: (c: Call) => Response | undefined) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const c = { url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(c);
      return routes(c) ?? jsonResponse({ items: [], nextCursor: null });
    }),
  );
  return calls;
}

describe('AdminPage moderation', () => {
  it('lists open reports with only the actions their target allows, and acts with the note', async () => {
    const calls = stub((c) => {
      if (c.method === 'POST')
        return jsonResponse({ id: 1, action: 'HIDE_LISTING', admin: { id: 'a', nickname: 'admin' } });
      if (c.url.startsWith('/api/admin/reports')) return jsonResponse({ items: [listingReport, commentReport] });
      return undefined;
    });
    renderWith(<AdminPage />, { auth: fakeAuth({ roles: ['user', 'admin'] }) });
    const listing = await screen.findByRole('listitem', { name: /수상한 아이폰/ });
    expect(within(listing).getByText('같은 대상 신고 2건', { exact: false })).toBeTruthy();
    expect(within(listing).getByText('선입금 요구')).toBeTruthy();
    expect(within(listing).queryByRole('button', { name: '댓글 삭제' })).toBeNull();
    const comment = screen.getByRole('listitem', { name: /욕설 댓글/ });
    expect(within(comment).getByRole('button', { name: '댓글 삭제' })).toBeTruthy();
    expect(within(comment).queryByRole('button', { name: '게시글 숨기기' })).toBeNull();

    await userEvent.type(within(listing).getByPlaceholderText('메모 (선택)'), '사기 확인');
    await userEvent.click(within(listing).getByRole('button', { name: '게시글 숨기기' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')).toEqual({
        url: '/api/admin/reports/11/actions',
        method: 'POST',
        body: { action: 'HIDE_LISTING', note: '사기 확인' },
      }),
    );
    expect(calls.some((c) => c.url.startsWith('/api/admin/reports') && c.url.includes('status=OPEN'))).toBe(true);
  });

  it('edits the prohibited-word list', async () => {
    const calls = stub((c) => {
      if (c.method === 'POST') return jsonResponse({ id: 9, word: '총기', createdAt: '2026-12-01T00:00:00Z' }, 201);
      if (c.method === 'DELETE') return new Response(null, { status: 204 });
      if (c.url.startsWith('/api/admin/prohibited-words'))
        return jsonResponse({ items: [{ id: 1, word: '담배', createdAt: '2026-12-01T00:00:00Z' }], nextCursor: null });
      return undefined;
    });
    renderWith(<AdminPage />, { auth: fakeAuth({ roles: ['user', 'admin'] }) });
    await userEvent.click(screen.getByRole('tab', { name: '금지어' }));
    expect(await screen.findByText('담배')).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: '금지어' }), '총기');
    await userEvent.click(screen.getByRole('button', { name: '추가' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')).toEqual({
        url: '/api/admin/prohibited-words',
        method: 'POST',
        body: { word: '총기' },
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: '삭제: 담배' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/admin/prohibited-words/1')).toBe(true),
    );
  });

  it('shows the action log', async () => {
    stub((c) =>
      c.url.startsWith('/api/admin/moderation-log')
        ? jsonResponse({
            items: [
              {
                id: 3,
                admin: { id: 'a', nickname: '운영자' },
                action: 'SUSPEND_USER',
                targetType: 'USER',
                targetId: 'u-9',
                reportId: 5,
                note: '반복 사기',
                createdAt: '2026-12-01T00:00:00Z',
              },
            ],
            nextCursor: null,
          })
        : undefined,
    );
    renderWith(<AdminPage />, { auth: fakeAuth({ roles: ['user', 'admin'] }) });
    await userEvent.click(screen.getByRole('tab', { name: '조치 기록' }));
    expect(await screen.findByText('운영자 · 이용 정지')).toBeTruthy();
    expect(screen.getByText('반복 사기')).toBeTruthy();
  });
});
