import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Me } from '../api/types';
import { fakeAuth, jsonResponse, renderWith } from '../test/render';
import { NeighbourhoodSettings } from './Neighbourhood';

afterEach(() => vi.unstubAllGlobals());

const me = (over: Partial<Me> = {}): Me => ({
  id: 'u1',
  nickname: 'newbie',
  region: null,
  regionCode: null,
  regionVerifiedAt: null,
  range: 1,
  mannerTemperature: 36.5,
  createdAt: '2026-12-01T00:00:00Z',
  version: 0,
  ...over,
});

const yeoksam2 = {
  code: '1168065000',
  sido: '서울특별시',
  sigungu: '강남구',
  dong: '역삼2동',
  lat: 37.49845,
  lng: 127.04493,
};

/** navigator.geolocation answering with a position, or refusing. */
function fakeGeolocation(answer: { lat: number; lng: number } | 'denied') {
  const getCurrentPosition = vi.fn((ok: PositionCallback, fail: PositionErrorCallback) => {
    if (answer === 'denied') fail({ code: 1, PERMISSION_DENIED: 1 } as GeolocationPositionError);
    else ok({ coords: { latitude: answer.lat, longitude: answer.lng } } as GeolocationPosition);
  });
  vi.stubGlobal('navigator', { ...navigator, geolocation: { getCurrentPosition } });
  return getCurrentPosition;
}

describe('NeighbourhoodSettings', () => {
  it('finds a 동 by two syllables and makes it my 동네', async () => {
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/regions')) return jsonResponse({ items: [yeoksam2], nextCursor: null });
      if (url === '/api/me' && init?.method === 'PUT')
        return jsonResponse(me({ region: '역삼2동', regionCode: '1168065000' }));
      return jsonResponse(me());
    });
    vi.stubGlobal('fetch', fetchMock);
    renderWith(<NeighbourhoodSettings me={me()} />, { auth: fakeAuth({}) });
    await userEvent.type(screen.getByLabelText('동네 이름으로 찾기'), '역삼');
    await userEvent.click(await screen.findByRole('button', { name: '서울특별시 강남구 역삼2동' }));
    await waitFor(() =>
      expect(fetchMock.mock.calls.some(([u, i]) => u === '/api/me' && i?.method === 'PUT')).toBe(true),
    );
    const put = fetchMock.mock.calls.find(([u, i]) => u === '/api/me' && i?.method === 'PUT');
    expect(JSON.parse(String(put?.[1]?.body))).toEqual({ nickname: 'newbie', regionCode: '1168065000', version: 0 });
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('/api/regions?q=%EC%97%AD%EC%82%BC'))).toBe(true);
  });

  it('verifies with the browser position and never sends more than the check needs', async () => {
    const geo = fakeGeolocation({ lat: 37.4999123456789, lng: 127.0449 });
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) =>
      url === '/api/me/region-verification'
        ? jsonResponse(me({ region: '역삼2동', regionCode: '1168065000', regionVerifiedAt: '2026-12-02T00:00:00Z' }))
        : jsonResponse(me({ region: '역삼2동', regionCode: '1168065000' })),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderWith(<NeighbourhoodSettings me={me({ region: '역삼2동', regionCode: '1168065000' })} />, {
      auth: fakeAuth({}),
    });
    expect(screen.getByText('미인증')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '동네 인증하기' }));
    expect(await screen.findByText('역삼2동 동네 인증을 마쳤어요')).toBeTruthy();
    expect(geo).toHaveBeenCalledOnce();
    const post = fetchMock.mock.calls.find(([u]) => u === '/api/me/region-verification');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ lat: 37.499912, lng: 127.0449 });
  });

  it('says what to do when the browser refuses the position', async () => {
    fakeGeolocation('denied');
    const fetchMock = vi.fn(async (_url: string) => jsonResponse(me()));
    vi.stubGlobal('fetch', fetchMock);
    renderWith(<NeighbourhoodSettings me={me({ region: '역삼2동', regionCode: '1168065000' })} />, {
      auth: fakeAuth({}),
    });
    await userEvent.click(screen.getByRole('button', { name: '동네 인증하기' }));
    expect((await screen.findByRole('alert')).textContent).toContain('위치 권한이 없어요');
    expect(fetchMock.mock.calls.some(([u]) => u === '/api/me/region-verification')).toBe(false);
  });

  it('shows the verified badge and changes the range', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
      jsonResponse(me({ regionCode: '1168065000', range: 3 })),
    );
    vi.stubGlobal('fetch', fetchMock);
    renderWith(
      <NeighbourhoodSettings
        me={me({ region: '역삼2동', regionCode: '1168065000', regionVerifiedAt: '2026-12-02T00:00:00Z' })}
      />,
      { auth: fakeAuth({}) },
    );
    expect(screen.getByText('✓ 동네 인증')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '동네 인증하기' })).toBeNull();
    await userEvent.click(screen.getByRole('radio', { name: '먼 동네' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body))).toEqual({
      nickname: 'newbie',
      range: 3,
      version: 0,
    });
  });
});
