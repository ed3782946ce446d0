import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import ChatRoomPage from './ChatRoomPage';
import { lastMessageText } from './ChatListPage';
import { setTokenProvider } from '../api/client';
import { translate } from '../i18n';
import { ChatContext } from '../chat/ChatProvider';
import { ChatSocket } from '../chat/socket';
import { fakeAuth, jsonResponse, renderWith } from '../test/render';

class FakeWs {
  static last: FakeWs;
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeWs.last = this;
  }
  send(d: string) {
    this.sent.push(JSON.parse(d));
  }
  close() {}
  serverSends(f: object) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
}

const room = {
  id: 9,
  product: { id: 1, title: '컴퓨터책상', price: 450000, status: 'ON_SALE', thumbnailUrl: null },
  seller: { id: 'alice', nickname: '앨리스' },
  buyer: { id: 'bob', nickname: '밥' },
  lastMessage: null,
  unreadCount: 0,
  updatedAt: '2026-11-26T10:00:00Z',
  closed: false,
};
const msg = (id: number, senderId: string, content: string, clientMsgId?: string) => ({
  id,
  roomId: 9,
  senderId,
  type: 'TEXT',
  content,
  clientMsgId,
  sentAt: '2026-11-26T10:00:00Z',
});

afterEach(() => vi.unstubAllGlobals());

function setup(
  open: boolean,
  me = 'bob',
  history: object[] = [msg(1, 'alice', '안녕하세요')],
  over: Partial<typeof room> = {},
) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/chat/rooms/9') return jsonResponse({ ...room, ...over });
    if (url === '/api/chat/rooms/9/offers/5/accept') {
      return jsonResponse({
        id: 6,
        roomId: 9,
        senderId: 'alice',
        type: 'SYSTEM',
        content: '판매자가 400,000원 가격 제안을 수락했어요.',
        offer: { offerId: 5, amount: 400000, status: 'ACCEPTED' },
        sentAt: '2026-11-26T10:01:00Z',
      });
    }
    if (url.startsWith('/api/chat/rooms/9/messages') && init?.method === 'POST') {
      const body = JSON.parse(String(init.body));
      return jsonResponse(msg(3, 'bob', body.content, body.clientMsgId), 201);
    }
    if (url.startsWith('/api/chat/rooms/9/messages')) return jsonResponse({ items: history, nextCursor: null });
    if (url.startsWith('/api/chat/photos/')) {
      return new Response(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), { headers: { 'content-type': 'image/jpeg' } });
    }
    return new Response(null, { status: 204 });
  });
  vi.stubGlobal('fetch', fetchMock);
  const socket = new ChatSocket(
    () => 'tok',
    'ws://x',
    () => new FakeWs() as unknown as WebSocket,
  );
  socket.start();
  if (open) {
    FakeWs.last.readyState = 1;
    FakeWs.last.onopen?.();
  }
  renderWith(
    <ChatContext.Provider value={socket}>
      <Routes>
        <Route path="/chat/:roomId" element={<ChatRoomPage />} />
      </Routes>
    </ChatContext.Provider>,
    { auth: fakeAuth({ id: me, username: me }), path: '/chat/9' },
  );
  return { fetchMock, ws: FakeWs.last, socket };
}

describe('ChatRoomPage', () => {
  it('a closed room (the other party left, 탈퇴) keeps its messages but offers no composer', async () => {
    setup(true, 'bob', [msg(1, 'alice', '안녕하세요')], {
      closed: true,
      seller: { id: 'alice', nickname: '탈퇴한 사용자' },
    });
    expect(await screen.findByText('안녕하세요')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: '탈퇴한 사용자' })).toBeTruthy();
    expect(screen.getByText('탈퇴한 사용자와의 대화예요. 더 이상 메시지를 보낼 수 없어요.')).toBeTruthy();
    expect(screen.queryByLabelText('메시지 입력')).toBeNull();
    expect(screen.queryByRole('button', { name: '전송' })).toBeNull();
  });

  it('sends over the socket, shows it pending until the ack, then live replies, typing and read receipts', async () => {
    const { ws, socket } = setup(true);
    expect(await screen.findByText('안녕하세요')).toBeTruthy();
    await waitFor(() => expect(ws.sent).toContainEqual({ type: 'read', roomId: 9, messageId: 1 }));

    await userEvent.type(screen.getByLabelText('메시지 입력'), '아직 있나요?');
    await userEvent.click(screen.getByRole('button', { name: '전송' }));
    const send = ws.sent.find((f) => f.type === 'send')!;
    expect(send).toMatchObject({ roomId: 9, content: '아직 있나요?' });
    expect(screen.getByText('전송 중')).toBeTruthy();

    act(() =>
      ws.serverSends({
        type: 'ack',
        clientMsgId: send.clientMsgId,
        message: msg(2, 'bob', '아직 있나요?', String(send.clientMsgId)),
      }),
    );
    expect(screen.queryByText('전송 중')).toBeNull();
    act(() => ws.serverSends({ type: 'typing', roomId: 9, userId: 'alice' }));
    expect(screen.getByText('상대방이 입력 중…')).toBeTruthy();
    act(() => ws.serverSends({ type: 'read', roomId: 9, userId: 'alice', messageId: 2 }));
    expect(screen.getByText(/읽음/)).toBeTruthy();
    act(() => ws.serverSends({ type: 'message', message: msg(5, 'alice', '네 있어요') }));
    expect(screen.getByText('네 있어요')).toBeTruthy();
    expect(screen.queryByText('상대방이 입력 중…')).toBeNull();
    act(() => socket.stop());
  });

  it('on a resync frame fetches what came after its newest message', async () => {
    const { fetchMock, ws, socket } = setup(true);
    expect(await screen.findByText('안녕하세요')).toBeTruthy();
    fetchMock.mockImplementation(async (url: string) => {
      if (url === '/api/chat/rooms/9') return jsonResponse(room);
      if (url.startsWith('/api/chat/rooms/9/messages?after=1')) {
        return jsonResponse({ items: [msg(4, 'alice', '놓친 메시지')], nextCursor: null });
      }
      return new Response(null, { status: 204 });
    });
    act(() => ws.serverSends({ type: 'resync' }));
    expect(await screen.findByText('놓친 메시지')).toBeTruthy();
    expect(fetchMock.mock.calls.some(([u]) => String(u).startsWith('/api/chat/rooms/9/messages?after=1'))).toBe(true);
    act(() => socket.stop());
  });

  it('falls back to REST with the same clientMsgId when the socket is down', async () => {
    const { fetchMock, socket } = setup(false);
    expect(await screen.findByText('안녕하세요')).toBeTruthy();
    expect(screen.getByRole('status', { name: '' }).textContent).toMatch(/연결/);
    await userEvent.type(screen.getByLabelText('메시지 입력'), '오프라인 메시지');
    await userEvent.click(screen.getByRole('button', { name: '전송' }));
    expect(await screen.findByText('오프라인 메시지')).toBeTruthy();
    const post = fetchMock.mock.calls.find(([u, i]) => String(u).endsWith('/messages') && i?.method === 'POST')!;
    expect(JSON.parse(String(post[1]!.body))).toMatchObject({
      content: '오프라인 메시지',
      clientMsgId: expect.any(String),
    });
    await waitFor(() => expect(screen.queryByText('전송 중')).toBeNull());
    act(() => socket.stop());
  });

  it('lets the buyer offer a price over the socket', async () => {
    const { ws, socket } = setup(true);
    expect(await screen.findByText('안녕하세요')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '가격 제안' }));
    await userEvent.type(screen.getByLabelText('제안 금액 (원)'), '400000');
    await userEvent.click(screen.getByRole('button', { name: '제안하기' }));
    const send = ws.sent.find((f) => f.type === 'send')!;
    expect(send).toMatchObject({ roomId: 9, offer: { amount: 400000 } });
    expect(send.content).toBeUndefined();
    act(() => socket.stop());
  });

  it('shows the seller an offer with accept and decline; accepting reserves and updates the bubble', async () => {
    const offer = {
      ...msg(5, 'bob', '가격 제안: 400,000원'),
      type: 'OFFER',
      offer: { offerId: 5, amount: 400000, status: 'PENDING' },
    };
    const { fetchMock, socket } = setup(true, 'alice', [msg(1, 'alice', '안녕하세요'), offer]);
    expect(await screen.findByText('응답 대기 중')).toBeTruthy();
    // the seller offers nothing: no offer button in the composer
    expect(screen.queryByRole('button', { name: '가격 제안' })).toBeNull();
    expect(screen.getByRole('checkbox', { name: '예약중으로 변경' })).toHaveProperty('checked', true);
    await userEvent.click(screen.getByRole('button', { name: '수락' }));
    expect(await screen.findByText('수락됨')).toBeTruthy();
    expect(screen.getByText('판매자가 400,000원 가격 제안을 수락했어요.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '수락' })).toBeNull();
    const post = fetchMock.mock.calls.find(([u]) => String(u).endsWith('/offers/5/accept'))!;
    expect(post[1]?.method).toBe('POST');
    expect(JSON.parse(String(post[1]!.body))).toEqual({ reserve: true });
    act(() => socket.stop());
  });

  it('shows the buyer the state of their offer and a withdraw button, never accept', async () => {
    const offer = {
      ...msg(5, 'bob', '가격 제안: 400,000원'),
      type: 'OFFER',
      offer: { offerId: 5, amount: 400000, status: 'PENDING' },
    };
    const { socket } = setup(true, 'bob', [offer]);
    expect(await screen.findByText('응답 대기 중')).toBeTruthy();
    expect(screen.getByRole('button', { name: '제안 취소' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '수락' })).toBeNull();
    act(() => socket.stop());
  });
});

class FakeXhr {
  static all: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = '';
  responseHeaders: Record<string, string> = { 'content-type': 'application/json' };
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeXhr.all.push(this);
  }
  open(m: string, u: string) {
    this.method = m;
    this.url = u;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  send(b: FormData) {
    this.body = b;
  }
  answer(status: number, body: unknown, type = status >= 400 ? 'application/problem+json' : 'application/json') {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders = { 'content-type': type };
    this.onload?.();
  }
}

const photoMsg = (id: number, senderId: string, keys: string[], content = '', clientMsgId?: string) => ({
  id,
  roomId: 9,
  senderId,
  type: 'PHOTO',
  content,
  photos: keys.map((k) => ({
    url: `/api/chat/photos/${k}`,
    thumbnailUrl: `/api/chat/photos/${k}-t`,
    width: 640,
    height: 480,
  })),
  clientMsgId,
  sentAt: '2026-11-26T10:02:00Z',
});

const jpeg = (name: string, size?: number) => {
  const f = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], name, { type: 'image/jpeg' });
  if (size !== undefined) Object.defineProperty(f, 'size', { value: size });
  return f;
};

describe('ChatRoomPage photos', () => {
  let created: string[];
  let revoked: string[];
  beforeEach(() => {
    created = [];
    revoked = [];
    FakeXhr.all = [];
    URL.createObjectURL = vi.fn(() => {
      const u = `blob:http://localhost/${created.length + 1}`;
      created.push(u);
      return u;
    });
    URL.revokeObjectURL = vi.fn((u: string) => {
      revoked.push(u);
    });
    setTokenProvider(() => 'tok');
  });
  afterEach(() => setTokenProvider(() => null));

  const thumbs = () => [...document.querySelectorAll<HTMLImageElement>('.bubble.photo .photo-grid img')];

  it('shows a PHOTO message as thumbnails fetched with the token, its caption, and opens a photo full size', async () => {
    const { fetchMock, socket } = setup(true, 'alice', [
      msg(1, 'alice', '안녕하세요'),
      photoMsg(2, 'bob', ['p1', 'p2'], '상태 보세요'),
    ]);
    expect(await screen.findByText('상태 보세요')).toBeTruthy();
    await waitFor(() => expect(thumbs()).toHaveLength(2));
    expect(thumbs().map((i) => i.getAttribute('src'))).toEqual(created.slice(0, 2));
    const photoCalls = fetchMock.mock.calls.filter(([u]) => String(u).startsWith('/api/chat/photos/'));
    expect(photoCalls.map(([u]) => u)).toEqual(['/api/chat/photos/p1-t', '/api/chat/photos/p2-t']);
    for (const [, init] of photoCalls) {
      expect((init!.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    }
    // the other party's photos can be reported like any message
    expect(screen.getByRole('button', { name: '신고하기: 채팅 메시지' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: '사진 1/2 크게 보기' }));
    const dialog = screen.getByRole('dialog', { name: '사진 보기' });
    await waitFor(() => expect(dialog.querySelector('img.photo-full')).toBeTruthy());
    expect(fetchMock.mock.calls.at(-1)![0]).toBe('/api/chat/photos/p1');
    await userEvent.click(screen.getByRole('button', { name: '닫기' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => socket.stop());
  });

  it('shows a PHOTO message that arrives over the socket like any other message', async () => {
    const { ws, socket } = setup(true, 'alice');
    expect(await screen.findByText('안녕하세요')).toBeTruthy();
    act(() => ws.serverSends({ type: 'message', message: photoMsg(7, 'bob', ['live']) }));
    await waitFor(() => expect(thumbs()).toHaveLength(1));
    expect(screen.getByRole('button', { name: '사진 1/1 크게 보기' })).toBeTruthy();
    act(() => socket.stop());
  });

  it('sends the chosen photos as one multipart message with a clientMsgId, shows progress, then the message', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const { ws, socket } = setup(true);
    expect(await screen.findByText('안녕하세요')).toBeTruthy();
    await userEvent.upload(screen.getByLabelText('사진 보내기'), [jpeg('a.jpg'), jpeg('b.jpg')]);

    expect(FakeXhr.all).toHaveLength(1);
    const xhr = FakeXhr.all[0];
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/chat/rooms/9/photos');
    expect(xhr.headers.Authorization).toBe('Bearer tok');
    expect((xhr.body!.getAll('files') as File[]).map((f) => f.name)).toEqual(['a.jpg', 'b.jpg']);
    const clientMsgId = String(xhr.body!.get('clientMsgId'));
    expect(clientMsgId).toMatch(/\S/);
    expect(xhr.body!.get('content')).toBeNull();
    // photos never go over the socket
    expect(ws.sent.filter((f) => f.type === 'send')).toEqual([]);
    // local previews while it uploads
    expect(document.querySelectorAll('.bubble.pending .photo-local')).toHaveLength(2);
    act(() => xhr.upload.onprogress!({ lengthComputable: true, loaded: 40, total: 100 }));
    expect(screen.getByText('사진 보내는 중… 40%')).toBeTruthy();

    const previews = created.slice(0, 2);
    act(() => xhr.answer(201, photoMsg(3, 'bob', ['x1', 'x2'], '', clientMsgId)));
    await waitFor(() => expect(thumbs()).toHaveLength(2));
    expect(document.querySelector('.bubble.pending')).toBeNull();
    // the local previews are let go with the pending bubble
    await waitFor(() => expect(revoked).toEqual(expect.arrayContaining(previews)));
    // the copy the socket delivers too is the same message, not a second one
    act(() => ws.serverSends({ type: 'message', message: photoMsg(3, 'bob', ['x1', 'x2'], '', clientMsgId) }));
    expect(document.querySelectorAll('.bubble.photo')).toHaveLength(1);
    act(() => socket.stop());
  });

  it('refuses a photo over 10 MB or more than 10 photos before sending anything, and says why', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const { socket } = setup(true);
    expect(await screen.findByText('안녕하세요')).toBeTruthy();
    await userEvent.upload(screen.getByLabelText('사진 보내기'), [
      jpeg('small.jpg'),
      jpeg('huge.jpg', 10 * 1024 * 1024 + 1),
    ]);
    expect(screen.getByRole('alert').textContent).toBe('huge.jpg: 10MB 이하의 사진만 보낼 수 있어요');
    await userEvent.upload(
      screen.getByLabelText('사진 보내기'),
      Array.from({ length: 11 }, (_, i) => jpeg(`p${i}.jpg`)),
    );
    expect(screen.getByRole('alert').textContent).toBe('사진은 한 번에 10장까지 보낼 수 있어요');
    expect(FakeXhr.all).toHaveLength(0);
    expect(document.querySelector('.bubble.pending')).toBeNull();
    act(() => socket.stop());
  });

  it('after a failed upload offers to send again with the same clientMsgId; a refusal can only be discarded', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const { socket } = setup(true);
    expect(await screen.findByText('안녕하세요')).toBeTruthy();
    await userEvent.upload(screen.getByLabelText('사진 보내기'), jpeg('a.jpg'));
    const first = FakeXhr.all[0];
    act(() =>
      first.answer(503, { status: 503, title: 'Service Unavailable', detail: '사진 저장소에 연결할 수 없어요' }),
    );
    expect(await screen.findByText(/전송 실패: 사진 저장소에 연결할 수 없어요/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '다시 보내기' }));
    expect(FakeXhr.all).toHaveLength(2);
    const second = FakeXhr.all[1];
    expect(second.body!.get('clientMsgId')).toBe(first.body!.get('clientMsgId'));
    expect(screen.getByText('사진 보내는 중… 0%')).toBeTruthy();
    act(() => second.answer(200, photoMsg(4, 'bob', ['r1'], '', String(first.body!.get('clientMsgId')))));
    await waitFor(() => expect(thumbs()).toHaveLength(1));

    await userEvent.upload(screen.getByLabelText('사진 보내기'), jpeg('fake.jpg'));
    act(() =>
      FakeXhr.all[2].answer(415, {
        status: 415,
        title: 'Unsupported Media Type',
        detail: 'Only JPEG, PNG or WebP images',
      }),
    );
    expect(await screen.findByText(/전송 실패: Only JPEG, PNG or WebP images/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '다시 보내기' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '보내지 않기' }));
    expect(document.querySelector('.bubble.pending')).toBeNull();
    act(() => socket.stop());
  });

  it('offers no photo button in a closed or blocked room', async () => {
    const { socket } = setup(true, 'bob', [msg(1, 'alice', '안녕하세요')], { blocked: true } as Partial<typeof room>);
    expect(await screen.findByText('안녕하세요')).toBeTruthy();
    await screen.findByText('차단된 사용자와는 대화할 수 없어요. 이전 대화만 볼 수 있어요.');
    expect(screen.queryByLabelText('사진 보내기')).toBeNull();
    act(() => socket.stop());
  });
});

describe('the room list line of a photo message', () => {
  const t = (k: Parameters<typeof translate>[1], v?: Record<string, string | number>) => translate('ko', k, v);
  it('counts the photos when there is no caption, else shows the caption', () => {
    expect(lastMessageText(photoMsg(1, 'bob', ['a', 'b']) as never, t)).toBe('사진 2장');
    expect(lastMessageText(photoMsg(1, 'bob', ['a'], '어때요?') as never, t)).toBe('어때요?');
    expect(lastMessageText({ ...photoMsg(1, 'bob', []), photos: undefined } as never, t)).toBe('사진');
    expect(lastMessageText(msg(1, 'bob', '안녕') as never, t)).toBe('안녕');
  });
});
