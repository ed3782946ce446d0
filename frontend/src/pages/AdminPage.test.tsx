import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import AdminPage from './AdminPage';
import { notificationTarget } from './NotificationsPage';
import { fakeAuth, jsonResponse, renderWith } from '../test/render';

afterEach(() => vi.unstubAllGlobals());

const notice = {
  id: 3,
  type: 'AD',
  title: '(광고) 연말 세일',
  body: 'b',
  link: null,
  status: 'SCHEDULED',
  scheduledAt: '2026-12-01T00:00:00Z',
  stats: { targeted: 10, sent: 7, failed: 1 },
};

describe('AdminPage', () => {
  it('sends a notice with the contract body, lists stats and cancels a scheduled one', async () => {
    const calls: { url: string; method: string; body?: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push({
          url,
          method: init?.method ?? 'GET',
          body: init?.body ? JSON.parse(String(init.body)) : undefined,
        });
        if (init?.method === 'POST') return jsonResponse({ id: 4, status: 'SENDING' }, 202);
        if (init?.method === 'DELETE') return new Response(null, { status: 204 });
        if (!url.startsWith('/api/admin/notices')) return jsonResponse({ items: [], nextCursor: null });
        return jsonResponse({ items: [notice], nextCursor: null });
      }),
    );
    renderWith(<AdminPage />, { auth: fakeAuth({ roles: ['user', 'admin'] }) });
    await userEvent.click(screen.getByRole('tab', { name: '공지/광고' }));
    const row = await screen.findByRole('row', { name: /연말 세일/ });
    expect(within(row).getByText('대상 10 · 성공 7 · 실패 1')).toBeTruthy();
    expect(within(row).getByText('예약됨')).toBeTruthy();

    await userEvent.type(screen.getByLabelText('제목'), '점검 안내');
    await userEvent.type(screen.getByLabelText('내용'), '새벽 2시');
    await userEvent.click(screen.getByRole('button', { name: '보내기' }));
    expect(await screen.findByText('접수했어요')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      url: '/api/admin/notices',
      method: 'POST',
      body: { type: 'NOTICE', title: '점검 안내', body: '새벽 2시' },
    });

    await userEvent.click(within(row).getByRole('button', { name: '예약 취소' }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/admin/notices/3')).toBe(true),
    );
  });
});

describe('notification links', () => {
  it('opens the chat room, the product or an in-app link', () => {
    const n = { id: 1, type: 'CHAT', title: '', body: '', read: false, createdAt: '' };
    expect(notificationTarget({ ...n, data: { roomId: '5', productId: '2' } })).toBe('/chat/5');
    expect(notificationTarget({ ...n, data: { productId: '2' } })).toBe('/products/2');
    expect(notificationTarget({ ...n, data: { link: '/products/9' } })).toBe('/products/9');
    expect(notificationTarget({ ...n, data: { link: 'https://evil.example' } })).toBeNull();
  });
});
