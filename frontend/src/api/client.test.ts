import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  buildQuery,
  holdRequestsUntil,
  nextPageParam,
  problemMessage,
  request,
  setTokenProvider,
  toProblem,
} from './client';
import { listNotifications, listProducts } from './endpoints';
import { jsonResponse } from '../test/render';

afterEach(() => {
  vi.unstubAllGlobals();
  setTokenProvider(() => null);
});

describe('problem+json', () => {
  it('reads detail and field errors into one sentence', async () => {
    const res = jsonResponse(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'Invalid product',
        errors: [{ field: 'price', message: 'must be ≥ 0' }],
      },
      400,
    );
    const p = await toProblem(res);
    expect(p.status).toBe(400);
    expect(problemMessage(p)).toBe('Invalid product (price: must be ≥ 0)');
  });

  it('falls back to title and then to a status text when the body is not JSON', async () => {
    expect(problemMessage({ status: 409 })).toMatch(/reload/);
    const p = await toProblem(
      new Response('<html>bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': 'text/html' },
      }),
    );
    expect(problemMessage(p)).toBe('Bad Gateway');
  });

  it('request() throws ApiError with status, field lookup and Retry-After', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse(
          {
            status: 429,
            title: 'Too Many Requests',
            detail: 'Bump once a day',
            errors: [{ field: 'body.bumpedAt', message: 'too soon' }],
          },
          429,
          { 'retry-after': '3600' },
        ),
      ),
    );
    const err = (await request('/api/products/1/bump', { method: 'POST' }).then(
      () => null,
      (e: unknown) => e,
    )) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(429);
    expect(err.retryAfter).toBe(3600);
    expect(err.fieldError('bumpedAt')).toBe('too soon');
    expect(err.message).toContain('Bump once a day');
  });

  it('turns a network failure into a readable ApiError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const err = (await request('/api/categories').then(
      () => null,
      (e: unknown) => e,
    )) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
    expect(err.message).toMatch(/cannot be reached/);
  });
});

describe('requests', () => {
  it('sends the bearer token and JSON body, and accepts 204', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    setTokenProvider(() => 'abc');
    await expect(request('/api/products/1/like', { method: 'PUT', body: { a: 1 } })).resolves.toBeUndefined();
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer abc');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(init.body).toBe('{"a":1}');
  });

  it('held until the startup sign-in answers, go out once, with the token it found', async () => {
    const fetchMock = vi.fn(async () => jsonResponse({ ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    let token: string | null = null;
    setTokenProvider(() => token);
    let signedIn = () => {};
    holdRequestsUntil(new Promise<void>((resolve) => (signedIn = resolve)));
    const answer = request('/api/products/1');
    await new Promise((r) => setTimeout(r, 10));
    expect(fetchMock).not.toHaveBeenCalled();
    token = 'found';
    signedIn();
    await expect(answer).resolves.toEqual({ ok: true });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer found');
  });

  it('go out anonymously when the startup sign-in fails', async () => {
    const fetchMock = vi.fn(async () => jsonResponse({ ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setTokenProvider(() => null);
    holdRequestsUntil(Promise.reject(new Error('no session')));
    await expect(request('/api/products/1')).resolves.toEqual({ ok: true });
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>).Authorization).toBeUndefined();
    holdRequestsUntil(Promise.resolve());
  });

  it('builds query strings without empty values', () => {
    expect(buildQuery({ q: '책상', region: undefined, minPrice: 0, cursor: '' })).toBe(
      '?q=%EC%B1%85%EC%83%81&minPrice=0',
    );
    expect(buildQuery({})).toBe('');
  });
});

describe('cursor paging', () => {
  it('passes the opaque cursor on and stops at null', async () => {
    const fetchMock = vi.fn(async (_url: string) => jsonResponse({ items: [], nextCursor: null }));
    vi.stubGlobal('fetch', fetchMock);
    await listProducts({ q: '가방', size: 20 }, 'opaque==');
    expect(fetchMock.mock.calls[0][0]).toBe('/api/products?q=%EA%B0%80%EB%B0%A9&size=20&cursor=opaque%3D%3D');
    expect(nextPageParam({ nextCursor: 'abc' })).toBe('abc');
    expect(nextPageParam({ nextCursor: null })).toBeUndefined();
  });

  it('reads the unread count from the inbox body or its header', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ items: [], nextCursor: null, unreadCount: 4 })),
    );
    expect((await listNotifications()).unreadCount).toBe(4);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ items: [], nextCursor: null }, 200, { unreadCount: '2' })),
    );
    expect((await listNotifications()).unreadCount).toBe(2);
  });
});

describe('chat partners of a listing', () => {
  it('walks the room pages and returns each buyer of that product once', async () => {
    const { chatPartnersFor } = await import('./endpoints');
    const room = (id: number, productId: number, buyer: string) => ({
      id,
      product: { id: productId, title: '', price: 0, status: 'ON_SALE' },
      seller: { id: 's' },
      buyer: { id: buyer, nickname: buyer },
      unreadCount: 0,
      updatedAt: '',
    });
    const fetchMock = vi.fn(async (url: string) =>
      url.includes('cursor=p2')
        ? jsonResponse({ items: [room(3, 7, 'bob'), room(4, 7, 'carol')], nextCursor: null })
        : jsonResponse({ items: [room(1, 9, 'dave'), room(2, 7, 'bob')], nextCursor: 'p2' }),
    );
    vi.stubGlobal('fetch', fetchMock);
    expect((await chatPartnersFor(7)).map((u) => u.id)).toEqual(['bob', 'carol']);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    // the server filters by listing; the client still keeps only that listing's rooms
    expect(String(fetchMock.mock.calls[0][0])).toContain('productId=7');
  });
});
