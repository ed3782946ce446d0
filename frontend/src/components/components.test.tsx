import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ProductSummary } from '../api/types';
import { ProductCard } from './ProductCard';
import { Carousel } from './Carousel';
import { ErrorState } from './Status';
import { ApiError } from '../api/client';
import { FeedPage, feedPlace } from '../pages/FeedPage';
import { move } from '../pages/SellPage';
import { ProductManage } from './ProductManage';
import { fakeAuth, jsonResponse, renderWith } from '../test/render';

afterEach(() => vi.unstubAllGlobals());

const product = (over: Partial<ProductSummary> = {}): ProductSummary => ({
  id: 1,
  title: '컴퓨터책상 팝니다',
  price: 0,
  negotiable: false,
  category: 'FURNITURE',
  region: '역삼동',
  status: 'ON_SALE',
  seller: { id: 's', nickname: 'alice', mannerTemperature: 36.5 },
  thumbnailUrl: '/api/images/thumb-1',
  likeCount: 2,
  chatCount: 1,
  commentCount: 0,
  viewCount: 3,
  createdAt: '2026-11-26T10:00:00Z',
  updatedAt: '2026-11-26T10:00:00Z',
  bumpedAt: '2026-11-26T10:00:00Z',
  version: 0,
  ...over,
});

describe('ProductCard', () => {
  it('shows the lazy thumbnail (not the original), 나눔 for 0 and the status badge', () => {
    renderWith(
      <ul>
        <ProductCard product={product({ status: 'RESERVED' })} />
      </ul>,
    );
    const img = document.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('/api/images/thumb-1');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(screen.getByText('나눔')).toBeTruthy();
    expect(screen.getByText('예약중')).toBeTruthy();
    expect(screen.getByRole('link').getAttribute('href')).toBe('/products/1');
  });
});

describe('Carousel', () => {
  it('moves through photos with buttons and arrow keys', async () => {
    const images = [1, 2, 3].map((id) => ({ id, url: `/i/${id}`, thumbnailUrl: `/t/${id}` }));
    renderWith(<Carousel images={images} title="책상" />);
    expect(screen.getByRole('img', { name: '사진 1/3' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '다음 사진' }));
    expect(screen.getByRole('img', { name: '사진 2/3' })).toBeTruthy();
    screen.getByRole('region', { name: '책상' }).focus();
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(screen.getByRole('img', { name: '사진 3/3' })).toBeTruthy();
  });
});

describe('ErrorState', () => {
  it('shows the API problem in words with a retry', async () => {
    const retry = vi.fn();
    renderWith(
      <ErrorState
        error={new ApiError({ status: 422, detail: '판매자는 자기 물건에 채팅할 수 없어요' })}
        onRetry={retry}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('판매자는 자기 물건에 채팅할 수 없어요');
    await userEvent.click(screen.getByRole('button', { name: '다시 시도' }));
    expect(retry).toHaveBeenCalled();
  });
});

describe('FeedPage', () => {
  it('lists the feed, pages on with the cursor, and ends', async () => {
    const fetchMock = vi.fn(async (url: string) => {
      if (url.startsWith('/api/categories')) return jsonResponse([]);
      if (url.includes('cursor=c2'))
        return jsonResponse({ items: [product({ id: 2, title: '가방', price: 5000 })], nextCursor: null });
      return jsonResponse({ items: [product()], nextCursor: 'c2' });
    });
    vi.stubGlobal('fetch', fetchMock);
    renderWith(<FeedPage />);
    expect(await screen.findByText('컴퓨터책상 팝니다')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '더 보기' }));
    expect(await screen.findByText('가방')).toBeTruthy();
    expect(screen.getByText('5,000원')).toBeTruthy();
    expect(screen.getByText('모두 봤어요')).toBeTruthy();
  });

  it('searches with the Korean query and shows the empty state', async () => {
    const fetchMock = vi.fn(async (url: string) =>
      url.startsWith('/api/categories') ? jsonResponse([]) : jsonResponse({ items: [], nextCursor: null }),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderWith(<FeedPage />);
    await userEvent.type(screen.getByRole('searchbox'), '책상');
    await userEvent.click(screen.getByRole('button', { name: '검색' }));
    expect(await screen.findByText('검색 결과가 없어요')).toBeTruthy();
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('q=%EC%B1%85%EC%83%81'))).toBe(true);
  });

  it('starts a signed-in user on the home 동네, with all 동네 one tap away', async () => {
    const fetchMock = vi.fn(async (url: string) => {
      if (url.startsWith('/api/me'))
        return jsonResponse({
          id: 'u1',
          nickname: 'bob',
          region: '역삼2동',
          regionCode: '1168065000',
          regionVerifiedAt: '2026-12-01T00:00:00Z',
          range: 1,
          mannerTemperature: 36.5,
          createdAt: '',
        });
      if (url.startsWith('/api/categories')) return jsonResponse([]);
      return jsonResponse({ items: [], nextCursor: null });
    });
    vi.stubGlobal('fetch', fetchMock);
    renderWith(<FeedPage />, { auth: fakeAuth({}) });
    const mine = await screen.findByRole('button', { name: '내 동네: 역삼2동' });
    expect(mine.getAttribute('aria-pressed')).toBe('true');
    // the server's default for a signed-in user is their 동네 and saved range: the first page names no place
    await waitFor(() => expect(fetchMock.mock.calls.some(([u]) => String(u).startsWith('/api/products'))).toBe(true));
    const first = fetchMock.mock.calls.map(([u]) => String(u)).find((u) => u.startsWith('/api/products'));
    expect(first).not.toContain('region');
    expect(screen.getByRole('button', { name: '근처 동네' }).getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(screen.getByRole('button', { name: '조금 먼 동네' }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([u]) => String(u).includes('range=2'))).toBe(true));
    await userEvent.click(screen.getByRole('button', { name: '전체 동네' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: '전체 동네' }).getAttribute('aria-pressed')).toBe('true'),
    );
    const productCalls = fetchMock.mock.calls.map(([u]) => String(u)).filter((u) => u.startsWith('/api/products'));
    expect(productCalls[productCalls.length - 1]).toContain('region=all');
  });

  it('decides the region filter', () => {
    const place = (q: string) => feedPlace(new URLSearchParams(q));
    expect(place('')).toEqual({ regionCode: undefined, range: undefined });
    expect(place('region=all&regionCode=1168064000&range=2')).toEqual({ region: 'all' });
    expect(place('regionCode=1168064000&range=2')).toEqual({ regionCode: '1168064000', range: 2 });
    expect(place('regionCode=역삼동&range=9')).toEqual({ regionCode: undefined, range: undefined });
  });
});

describe('photo reordering', () => {
  it('moves a photo earlier or later and ignores moves past the ends', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    const same = ['a'];
    expect(move(same, 0, -1)).toBe(same);
  });
});

describe('ProductManage', () => {
  it('keeps the reserved buyer when the listing becomes 거래완료', async () => {
    const bodies: unknown[] = [];
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/chat/rooms')) {
        return jsonResponse({
          items: [
            { id: 7, product: { id: 1 }, seller: { id: 's', nickname: 'alice' }, buyer: { id: 'b', nickname: 'bob' } },
          ],
          nextCursor: null,
        });
      }
      if (url.endsWith('/status')) {
        bodies.push(JSON.parse(String(init?.body)));
        return jsonResponse(product({ status: 'SOLD', buyerId: 'b' }));
      }
      return jsonResponse({});
    });
    vi.stubGlobal('fetch', fetchMock);
    renderWith(<ProductManage product={product({ status: 'RESERVED', buyerId: 'b' })} />, {
      auth: fakeAuth({ id: 's' }),
    });
    await userEvent.selectOptions(screen.getByLabelText('상태 변경'), '거래완료');
    await waitFor(() => expect(screen.getByRole('option', { name: 'bob' })).toBeTruthy());
    await userEvent.click(screen.getByRole('button', { name: '변경' }));
    await waitFor(() => expect(bodies).toEqual([{ status: 'SOLD', buyerId: 'b' }]));
  });
});
