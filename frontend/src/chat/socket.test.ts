import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatSocket, chatProtocols } from './socket';

class FakeWs {
  static all: FakeWs[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(
    public url: string,
    public protocols: string[],
  ) {
    FakeWs.all.push(this);
  }
  send(d: string) {
    this.sent.push(d);
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

beforeEach(() => {
  FakeWs.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

const make = () =>
  new ChatSocket(
    () => 'tok',
    'ws://x/ws/chat',
    (u, p) => new FakeWs(u, p) as unknown as WebSocket,
  );

describe('ChatSocket', () => {
  it('puts the bearer token in the Quarkus subprotocol', () => {
    expect(chatProtocols('abc')).toEqual(['quarkus', 'quarkus-http-upgrade%23Authorization%23Bearer%20abc']);
    // Every character is legal in a Sec-WebSocket-Protocol token, so browsers accept it.
    expect(chatProtocols('ey.J-_x')[1]).toMatch(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/);
    make().start();
    expect(decodeURIComponent(FakeWs.all[0].protocols[1])).toBe('quarkus-http-upgrade#Authorization#Bearer tok');
  });

  it('sends only while open, delivers frames, and reconnects after a drop', () => {
    const s = make();
    const frames: unknown[] = [];
    const statuses: string[] = [];
    s.onFrame((f) => frames.push(f));
    s.onStatus((x) => statuses.push(x));
    s.start();
    expect(s.send({ type: 'typing', roomId: 1 })).toBe(false);
    FakeWs.all[0].open();
    expect(s.send({ type: 'typing', roomId: 1 })).toBe(true);
    FakeWs.all[0].onmessage?.({ data: '{"type":"read","roomId":1,"userId":"b","messageId":3}' });
    expect(frames).toEqual([{ type: 'read', roomId: 1, userId: 'b', messageId: 3 }]);
    FakeWs.all[0].drop();
    expect(statuses).toEqual(['connecting', 'open', 'closed']);
    vi.advanceTimersByTime(1000);
    expect(FakeWs.all).toHaveLength(2);
    FakeWs.all[1].open();
    expect(s.status).toBe('open');
  });

  it('stays closed after stop()', () => {
    const s = make();
    s.start();
    FakeWs.all[0].open();
    s.stop();
    vi.advanceTimersByTime(60000);
    expect(FakeWs.all).toHaveLength(1);
  });
});
