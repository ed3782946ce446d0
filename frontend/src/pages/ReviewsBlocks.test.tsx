import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import ChatRoomPage from './ChatRoomPage';
import UserPage from './UserPage';
import { BlockedUsers } from './SettingsPage';
import { ReviewForm } from '../components/ReviewForm';
import { fakeAuth, jsonResponse, renderWith } from '../test/render';

afterEach(() => vi.unstubAllGlobals());

type Handler = (url: string, init?: RequestInit) => Response | undefined;

function stubFetch(handler: Handler) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => handler(url, init) ?? jsonResponse(null, 404));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const calls = (f: ReturnType<typeof stubFetch>, method: string, path: string) =>
  f.mock.calls.filter(([u, i]) => String(u).startsWith(path) && (i?.method ?? 'GET') === method);

const room = (over: object) => ({
  id: 9,
  product: { id: 1, title: '컴퓨터책상', price: 0, status: 'SOLD', thumbnailUrl: null },
  seller: { id: 'alice', nickname: '앨리스' },
  buyer: { id: 'bob', nickname: '밥' },
  lastMessage: null,
  unreadCount: 0,
  updatedAt: '2026-11-26T10:00:00Z',
  blocked: false,
  ...over,
});

function renderRoom() {
  renderWith(
    <Routes>
      <Route path="/chat/:roomId" element={<ChatRoomPage />} />
    </Routes>,
    { auth: fakeAuth({ id: 'bob', username: 'bob' }), path: '/chat/9' },
  );
}

describe('ReviewForm', () => {
  // Many typed interactions: on a loaded machine they outlast vitest's default 5 s.
  it('offers the chips of the chosen rating and sends rating, chips and comment', { timeout: 30_000 }, async () => {
    const f = stubFetch((_url, init) =>
      init?.method === 'POST' ? jsonResponse({ id: 1, rating: 'GREAT', chips: ['KIND'] }, 201) : undefined,
    );
    const done = vi.fn();
    renderWith(<ReviewForm productId={7} onDone={done} />, { auth: fakeAuth({ id: 'bob' }) });
    expect(screen.queryByLabelText('친절해요')).toBeNull();
    await userEvent.click(screen.getByLabelText('최고예요'));
    await userEvent.click(screen.getByLabelText('친절해요'));
    // BAD shows the negative chips and drops the positive one
    await userEvent.click(screen.getByLabelText('별로예요'));
    expect(screen.queryByLabelText('친절해요')).toBeNull();
    expect(screen.getByLabelText('약속 시간을 안 지켜요')).toBeTruthy();
    await userEvent.click(screen.getByLabelText('최고예요'));
    expect((screen.getByLabelText('친절해요') as HTMLInputElement).checked).toBe(false);
    await userEvent.click(screen.getByLabelText('친절해요'));
    await userEvent.click(screen.getByLabelText('시간 약속을 잘 지켜요'));
    await userEvent.type(screen.getByLabelText(/따뜻한 거래 후기/), '감사합니다');
    await userEvent.click(screen.getByRole('button', { name: '후기 보내기' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    const [, init] = calls(f, 'POST', '/api/products/7/reviews')[0];
    expect(JSON.parse(String(init?.body))).toEqual({
      rating: 'GREAT',
      chips: ['KIND', 'ON_TIME'],
      comment: '감사합니다',
    });
  });
});

describe('ChatRoomPage and reviews/blocks', () => {
  it('shows the review banner to a party of a sold listing who has not reviewed', async () => {
    stubFetch((url) => {
      if (url === '/api/chat/rooms/9') return jsonResponse(room({}));
      if (url.startsWith('/api/chat/rooms/9/messages')) return jsonResponse({ items: [], nextCursor: null });
      if (url === '/api/products/1/reviews/mine') return jsonResponse({ party: true, canReview: true, review: null });
      return undefined;
    });
    renderRoom();
    expect(await screen.findByText('거래가 완료되었어요. 후기를 남겨주세요')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '후기 남기기' }));
    expect(screen.getByRole('form', { name: '거래 후기 보내기' })).toBeTruthy();
  });

  it("asks product, not the room's copy of the status, which can lag the sale", async () => {
    stubFetch((url) => {
      if (url === '/api/chat/rooms/9')
        return jsonResponse(room({ product: { ...room({}).product, status: 'ON_SALE' } }));
      if (url.startsWith('/api/chat/rooms/9/messages')) return jsonResponse({ items: [], nextCursor: null });
      if (url === '/api/products/1/reviews/mine') return jsonResponse({ party: true, canReview: true, review: null });
      return undefined;
    });
    renderRoom();
    expect(await screen.findByText('거래가 완료되었어요. 후기를 남겨주세요')).toBeTruthy();
  });

  it('shows no banner once reviewed', async () => {
    const f = stubFetch((url) => {
      if (url === '/api/chat/rooms/9') return jsonResponse(room({}));
      if (url.startsWith('/api/chat/rooms/9/messages')) return jsonResponse({ items: [], nextCursor: null });
      if (url === '/api/products/1/reviews/mine') return jsonResponse({ party: true, canReview: false });
      return undefined;
    });
    renderRoom();
    await waitFor(() => expect(calls(f, 'GET', '/api/products/1/reviews/mine').length).toBe(1));
    expect(screen.queryByText('거래가 완료되었어요. 후기를 남겨주세요')).toBeNull();
  });

  it('a blocked room is read-only: no composer', async () => {
    stubFetch((url) => {
      if (url === '/api/chat/rooms/9')
        return jsonResponse(room({ blocked: true, product: { ...room({}).product, status: 'ON_SALE' } }));
      if (url.startsWith('/api/chat/rooms/9/messages'))
        return jsonResponse({
          items: [
            { id: 1, roomId: 9, senderId: 'alice', type: 'TEXT', content: '이전 대화', sentAt: '2026-11-26T10:00:00Z' },
          ],
          nextCursor: null,
        });
      return undefined;
    });
    renderRoom();
    expect(await screen.findByText(/차단된 사용자와는 대화할 수 없어요/)).toBeTruthy();
    expect(await screen.findByText('이전 대화')).toBeTruthy();
    expect(screen.queryByLabelText('메시지 입력')).toBeNull();
  });
});

describe('UserPage', () => {
  const profile = {
    id: 'alice',
    nickname: '앨리스',
    region: '역삼동',
    mannerTemperature: 37.2,
    onSaleCount: 1,
    soldCount: 2,
    reviewCount: 1,
    chips: [{ code: 'KIND', label: '친절해요', positive: true, count: 3 }],
  };
  const review = {
    id: 5,
    rating: 'GREAT',
    comment: '좋은 거래였어요',
    chips: ['ON_TIME'],
    reviewer: { id: 'bob', nickname: '밥' },
    reviewerRole: 'BUYER',
    product: { id: 1, title: '컴퓨터책상' },
    createdAt: '2026-11-26T10:00:00Z',
  };

  it('shows the temperature, chip counts and received reviews, and blocks after confirming', async () => {
    let blocked = false;
    const f = stubFetch((url, init) => {
      if (url === '/api/users/alice') return jsonResponse(profile);
      if (url.startsWith('/api/users/alice/reviews')) return jsonResponse({ items: [review], nextCursor: null });
      if (url.startsWith('/api/products')) return jsonResponse({ items: [], nextCursor: null });
      if (url === '/api/me/blocks' && init?.method === 'POST') {
        blocked = true;
        return jsonResponse({ userId: 'alice', nickname: '앨리스', createdAt: '2026-11-26T10:00:00Z' }, 201);
      }
      if (url === '/api/me/blocks/alice')
        return blocked
          ? jsonResponse({ userId: 'alice', nickname: '앨리스', createdAt: '2026-11-26T10:00:00Z' })
          : jsonResponse({ status: 404, title: 'Not Found' }, 404);
      return undefined;
    });
    vi.stubGlobal(
      'confirm',
      vi.fn(() => true),
    );
    renderWith(
      <Routes>
        <Route path="/users/:id" element={<UserPage />} />
      </Routes>,
      { auth: fakeAuth({ id: 'bob', username: 'bob' }), path: '/users/alice' },
    );
    expect(await screen.findByText('37.2°C')).toBeTruthy();
    expect(screen.getByText('받은 거래 후기 1')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: '받은 매너 평가' })).getByText('친절해요')).toBeTruthy();
    expect(await screen.findByText('좋은 거래였어요')).toBeTruthy();
    expect(screen.getByText(/구매자/)).toBeTruthy();
    await userEvent.click(await screen.findByRole('button', { name: '차단하기' }));
    await waitFor(() => expect(calls(f, 'POST', '/api/me/blocks').length).toBe(1));
    expect(JSON.parse(String(calls(f, 'POST', '/api/me/blocks')[0][1]?.body))).toEqual({ userId: 'alice' });
    expect(await screen.findByRole('button', { name: '차단 해제' })).toBeTruthy();
  });

  it('offers no block button on my own profile', async () => {
    stubFetch((url) => {
      if (url === '/api/users/alice') return jsonResponse(profile);
      if (url.startsWith('/api/users/alice/reviews')) return jsonResponse({ items: [], nextCursor: null });
      if (url.startsWith('/api/products')) return jsonResponse({ items: [], nextCursor: null });
      return undefined;
    });
    renderWith(
      <Routes>
        <Route path="/users/:id" element={<UserPage />} />
      </Routes>,
      { auth: fakeAuth({ id: 'alice', username: 'alice' }), path: '/users/alice' },
    );
    expect(await screen.findByText('아직 받은 후기가 없어요')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '차단하기' })).toBeNull();
  });
});

describe('BlockedUsers (settings)', () => {
  it('lists blocked users and unblocks one', async () => {
    let items = [{ userId: 'carol', nickname: '캐롤', createdAt: '2026-11-26T10:00:00Z' }];
    const f = stubFetch((url, init) => {
      if (url.startsWith('/api/me/blocks/carol') && init?.method === 'DELETE') {
        items = [];
        return new Response(null, { status: 204 });
      }
      if (url.startsWith('/api/me/blocks')) return jsonResponse({ items, nextCursor: null });
      return undefined;
    });
    renderWith(<BlockedUsers />, { auth: fakeAuth({ id: 'bob' }) });
    expect(await screen.findByText('캐롤')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '차단 해제' }));
    expect(await screen.findByText('차단한 사용자가 없어요')).toBeTruthy();
    expect(calls(f, 'DELETE', '/api/me/blocks/carol').length).toBe(1);
  });
});
