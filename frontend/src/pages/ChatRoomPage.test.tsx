import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import ChatRoomPage from './ChatRoomPage';
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
