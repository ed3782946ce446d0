import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { setTokenProvider } from '../api/client';
import type { ChatPhoto } from '../api/types';
import { translate } from '../i18n';
import { jsonResponse, renderWith } from '../test/render';
import { AuthorizedImage, PhotoGrid, PhotoViewer, chatPhotosProblem } from './ChatPhotos';

const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('ko', k, v);

const photo = (key: string, width = 800, height = 600): ChatPhoto => ({
  url: `/api/chat/photos/${key}`,
  thumbnailUrl: `/api/chat/photos/${key}-t`,
  width,
  height,
});

const image = (type = 'image/jpeg') =>
  new Response(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), { status: 200, headers: { 'content-type': type } });

let created: string[];
let revoked: string[];

beforeEach(() => {
  created = [];
  revoked = [];
  let n = 0;
  // jsdom has no object URLs: record what the components make and give back
  URL.createObjectURL = vi.fn(() => {
    const u = `blob:http://localhost/${++n}`;
    created.push(u);
    return u;
  });
  URL.revokeObjectURL = vi.fn((u: string) => {
    revoked.push(u);
  });
  setTokenProvider(() => 'tok');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setTokenProvider(() => null);
});

describe('chatPhotosProblem', () => {
  const file = (name: string, type: string, size: number) => {
    const f = new File([new Uint8Array(4)], name, { type });
    Object.defineProperty(f, 'size', { value: size });
    return f;
  };

  it('accepts up to 10 JPEG, PNG or WebP photos of at most 10 MB each', () => {
    const ten = Array.from({ length: 10 }, (_, i) =>
      file(`p${i}.jpg`, ['image/jpeg', 'image/png', 'image/webp'][i % 3], 10 * 1024 * 1024),
    );
    expect(chatPhotosProblem(ten, t)).toBeNull();
  });

  it('leaves a file whose picker gave no type to the server, which sniffs its content', () => {
    expect(chatPhotosProblem([file('IMG_0001', '', 100)], t)).toBeNull();
  });

  it('refuses an 11th photo, a file over 10 MB (naming it) and anything not a photo', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => file(`p${i}.jpg`, 'image/jpeg', 100));
    expect(chatPhotosProblem(eleven, t)).toBe('사진은 한 번에 10장까지 보낼 수 있어요');
    expect(
      chatPhotosProblem([file('ok.jpg', 'image/jpeg', 100), file('big.jpg', 'image/jpeg', 10 * 1024 * 1024 + 1)], t),
    ).toBe('big.jpg: 10MB 이하의 사진만 보낼 수 있어요');
    expect(chatPhotosProblem([file('anim.gif', 'image/gif', 100)], t)).toBe(
      'anim.gif: JPEG, PNG, WebP 사진만 보낼 수 있어요',
    );
  });
});

describe('AuthorizedImage', () => {
  it('fetches the photo with the bearer token, shows it from an object URL and revokes that URL on unmount', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => image());
    vi.stubGlobal('fetch', fetchMock);
    const { unmount } = renderWith(<AuthorizedImage path="/api/chat/photos/k1" alt="사진 1" width={4} height={3} />);
    // a sized placeholder first
    expect(screen.getByRole('img', { name: '사진 1' }).getAttribute('aria-busy')).toBe('true');
    await waitFor(() => expect(screen.getByRole('img', { name: '사진 1' }).tagName).toBe('IMG'));
    const shown = screen.getByRole('img', { name: '사진 1' }) as HTMLImageElement;
    expect(shown.getAttribute('src')).toBe(created[0]);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/chat/photos/k1');
    expect((init!.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(revoked).toEqual([]);
    unmount();
    expect(revoked).toEqual([created[0]]);
  });

  it('never makes an object URL of something that is not an image, and says the photo could not be loaded', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<script>alert(1)</script>', { headers: { 'content-type': 'text/html' } })),
    );
    renderWith(<AuthorizedImage path="/api/chat/photos/k1" alt="사진 1" />);
    expect(await screen.findByRole('img', { name: '사진 1: 사진을 불러오지 못했어요' })).toBeTruthy();
    expect(created).toEqual([]);
  });

  it('shows a refusal (404 for someone not in the room) as a photo that could not be loaded', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ status: 404, title: 'Not Found' }, 404)),
    );
    renderWith(<AuthorizedImage path="/api/chat/photos/k1" alt="사진 1" />);
    expect(await screen.findByText('사진을 불러오지 못했어요')).toBeTruthy();
    expect(created).toEqual([]);
  });
});

function Gallery({ photos }: { photos: ChatPhoto[] }) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <>
      <PhotoGrid photos={photos} onOpen={setOpen} />
      {open !== null && <PhotoViewer photos={photos} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />}
    </>
  );
}

describe('PhotoGrid and PhotoViewer', () => {
  it('shows thumbnails in upload order; a click opens the full-size photo, next goes on, Escape closes', async () => {
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => image('image/webp'));
    vi.stubGlobal('fetch', fetchMock);
    renderWith(<Gallery photos={[photo('a'), photo('b'), photo('c', 600, 800)]} />);
    await waitFor(() => expect(document.querySelectorAll('.photo-grid img')).toHaveLength(3));
    expect(fetchMock.mock.calls.map(([u]) => u)).toEqual([
      '/api/chat/photos/a-t',
      '/api/chat/photos/b-t',
      '/api/chat/photos/c-t',
    ]);
    expect(document.querySelector('.photo-grid')!.className).toContain('photo-grid-3');

    await userEvent.click(screen.getByRole('button', { name: '사진 2/3 크게 보기' }));
    const dialog = screen.getByRole('dialog', { name: '사진 보기' });
    await waitFor(() => expect(dialog.querySelector('img.photo-full')).toBeTruthy());
    expect(fetchMock.mock.calls.at(-1)![0]).toBe('/api/chat/photos/b');
    expect(dialog.textContent).toContain('2 / 3');
    const full = dialog.querySelector('img.photo-full')!.getAttribute('src')!;

    await userEvent.click(screen.getByRole('button', { name: '다음 사진' }));
    await waitFor(() => expect(fetchMock.mock.calls.at(-1)![0]).toBe('/api/chat/photos/c'));
    expect(screen.getByRole('button', { name: '다음 사진' })).toHaveProperty('disabled', true);
    // the previous full-size photo's object URL is let go when another one is shown
    expect(revoked).toContain(full);

    act(() => {
      fireEvent.keyDown(document, { key: 'Escape' });
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
