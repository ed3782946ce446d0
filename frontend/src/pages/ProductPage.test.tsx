import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import ProductPage from './ProductPage';
import { fakeAuth, jsonResponse, renderWith } from '../test/render';

const product = (extra: object = {}) => ({
  id: 7,
  title: '자전거',
  description: '잘 나가요',
  price: 450000,
  negotiable: true,
  category: 'SPORTS',
  region: '역삼1동',
  status: 'ON_SALE',
  buyerId: null,
  seller: { id: 'alice', nickname: '앨리스', mannerTemperature: 36.5 },
  images: [],
  likeCount: 0,
  chatCount: 0,
  commentCount: 0,
  viewCount: 1,
  liked: false,
  createdAt: '2026-11-26T10:00:00Z',
  updatedAt: '2026-11-26T10:00:00Z',
  bumpedAt: '2026-11-26T10:00:00Z',
  version: 0,
  ...extra,
});

afterEach(() => vi.unstubAllGlobals());

function setup(p: object, me: string) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/products/7') return jsonResponse(p);
    if (url.startsWith('/api/products/7/comments')) return jsonResponse({ items: [], nextCursor: null });
    if (url === '/api/categories') return jsonResponse([]);
    if (url === '/api/chat/rooms' && init?.method === 'POST') return jsonResponse({ id: 9 }, 201);
    if (url === '/api/chat/rooms/9/messages' && init?.method === 'POST') return jsonResponse({ id: 5 }, 201);
    return new Response(null, { status: 204 });
  });
  vi.stubGlobal('fetch', fetchMock);
  renderWith(
    <Routes>
      <Route path="/products/:id" element={<ProductPage />} />
      <Route path="/chat/:roomId" element={<p>채팅방</p>} />
    </Routes>,
    { auth: fakeAuth({ id: me, username: me }), path: '/products/7' },
  );
  return fetchMock;
}

describe('ProductPage price offers', () => {
  it('lets a buyer offer on a negotiable listing: opens the room, sends the offer there and shows the room', async () => {
    const fetchMock = setup(product(), 'bob');
    await userEvent.click(await screen.findByRole('button', { name: '가격 제안하기' }));
    await userEvent.type(screen.getByLabelText('제안 금액 (원)'), '400000');
    await userEvent.click(screen.getByRole('button', { name: '제안하기' }));
    expect(await screen.findByText('채팅방')).toBeTruthy();
    const open = fetchMock.mock.calls.find(([u, i]) => u === '/api/chat/rooms' && i?.method === 'POST')!;
    expect(JSON.parse(String(open[1]!.body))).toEqual({ productId: 7 });
    const send = fetchMock.mock.calls.find(([u]) => u === '/api/chat/rooms/9/messages')!;
    expect(JSON.parse(String(send[1]!.body))).toMatchObject({
      offer: { amount: 400000 },
      clientMsgId: expect.any(String),
    });
    expect(JSON.parse(String(send[1]!.body)).content).toBeUndefined();
  });

  it.each([
    ['the seller', product(), 'alice'],
    ['a listing that takes no offers', product({ negotiable: false }), 'bob'],
    ['a reserved listing', product({ status: 'RESERVED' }), 'bob'],
    ['a free listing', product({ price: 0 }), 'bob'],
  ])('shows no offer button to %s', async (_name, p, me) => {
    setup(p, me);
    expect(await screen.findByRole('heading', { name: /자전거/ })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: '가격 제안하기' })).toBeNull());
  });
});

describe('ProductPage before the session is known', () => {
  it('does not call a 404 asked without a token "not found" until the silent sign-in has finished', async () => {
    const fetchMock = vi.fn(async (url: string) => {
      if (url === '/api/products/7') return jsonResponse({ status: 404, title: 'Not Found' }, 404);
      if (url === '/api/categories') return jsonResponse([]);
      return new Response(null, { status: 204 });
    });
    vi.stubGlobal('fetch', fetchMock);
    const routes = (
      <Routes>
        <Route path="/products/:id" element={<ProductPage />} />
      </Routes>
    );
    renderWith(routes, { auth: fakeAuth(null, { ready: false }), path: '/products/7' });
    await waitFor(() => expect(fetchMock).toHaveBeenCalledWith('/api/products/7', expect.anything()));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText('페이지를 찾을 수 없어요')).toBeNull();
  });

  it('says not found once it is known that nobody is signed in', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url === '/api/products/7'
          ? jsonResponse({ status: 404, title: 'Not Found' }, 404)
          : new Response(null, { status: 204 }),
      ),
    );
    renderWith(
      <Routes>
        <Route path="/products/:id" element={<ProductPage />} />
      </Routes>,
      { auth: fakeAuth(null), path: '/products/7' },
    );
    expect(await screen.findByText('페이지를 찾을 수 없어요')).toBeTruthy();
  });
});
