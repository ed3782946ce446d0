import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, setTokenProvider } from './client';
import { sendPhotos, uploadImages } from './endpoints';

class FakeXhr {
  static last: FakeXhr;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = '';
  contentType = 'application/json';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(m: string, u: string) {
    this.method = m;
    this.url = u;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  retryAfter: string | null = null;
  getResponseHeader(name: string) {
    return name.toLowerCase() === 'retry-after' ? this.retryAfter : this.contentType;
  }
  send(b: FormData) {
    this.body = b;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  setTokenProvider(() => null);
});

const file = (name: string) => new File([new Uint8Array([1, 2, 3])], name, { type: 'image/png' });

describe('uploadImages', () => {
  it('posts every photo as multipart field "files" with the token and reports progress', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    setTokenProvider(() => 'tok');
    const progress: number[] = [];
    const done = uploadImages(7, [file('a.png'), file('b.png')], (f) => progress.push(f));
    const xhr = FakeXhr.last;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/products/7/images');
    expect(xhr.headers.Authorization).toBe('Bearer tok');
    expect((xhr.body!.getAll('files') as File[]).map((f) => f.name)).toEqual(['a.png', 'b.png']);
    xhr.upload.onprogress!({ lengthComputable: true, loaded: 50, total: 100 });
    xhr.status = 201;
    xhr.responseText = JSON.stringify([{ id: 1, url: '/api/images/x', thumbnailUrl: '/api/images/t' }]);
    xhr.onload!();
    await expect(done).resolves.toHaveLength(1);
    expect(progress).toEqual([0.5, 1]);
  });

  it('turns a problem+json refusal into a readable ApiError', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const done = uploadImages(7, [file('a.gif')]);
    const xhr = FakeXhr.last;
    xhr.status = 415;
    xhr.contentType = 'application/problem+json';
    xhr.responseText = JSON.stringify({
      status: 415,
      title: 'Unsupported Media Type',
      detail: 'Only JPEG, PNG or WebP images',
    });
    xhr.onload!();
    const err = (await done.then(
      () => null,
      (e: unknown) => e,
    )) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(415);
    expect(err.message).toBe('Only JPEG, PNG or WebP images');
  });
});

describe('sendPhotos', () => {
  it('posts the photos, the caption and the clientMsgId to the room and resolves with the PHOTO message', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    setTokenProvider(() => 'tok');
    const progress: number[] = [];
    const done = sendPhotos(9, [file('a.png'), file('b.png')], {
      clientMsgId: 'web-1-1',
      content: '상태 보세요',
      onProgress: (f) => progress.push(f),
    });
    const xhr = FakeXhr.last;
    expect(xhr.url).toBe('/api/chat/rooms/9/photos');
    expect(xhr.headers.Authorization).toBe('Bearer tok');
    expect((xhr.body!.getAll('files') as File[]).map((f) => f.name)).toEqual(['a.png', 'b.png']);
    expect(xhr.body!.get('content')).toBe('상태 보세요');
    expect(xhr.body!.get('clientMsgId')).toBe('web-1-1');
    xhr.status = 201;
    const message = { id: 3, roomId: 9, type: 'PHOTO', content: '상태 보세요', photos: [] };
    xhr.responseText = JSON.stringify(message);
    xhr.onload!();
    await expect(done).resolves.toEqual(message);
    expect(progress).toEqual([1]);
  });

  it('sends no caption field without a caption, and a rate limit keeps its Retry-After', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const done = sendPhotos(9, [file('a.png')], { clientMsgId: 'web-1-2' });
    const xhr = FakeXhr.last;
    expect(xhr.body!.has('content')).toBe(false);
    xhr.status = 429;
    xhr.contentType = 'application/problem+json';
    xhr.retryAfter = '30';
    xhr.responseText = JSON.stringify({ status: 429, title: 'Too Many Requests' });
    xhr.onload!();
    const err = (await done.then(
      () => null,
      (e: unknown) => e,
    )) as ApiError;
    expect(err.status).toBe(429);
    expect(err.retryAfter).toBe(30);
  });
});
