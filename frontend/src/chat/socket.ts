// One WebSocket for all rooms (DESIGN §6), reconnecting with backoff; rooms catch up by `after` on reopen.
import { parseFrame, type ClientFrame, type ServerFrame } from './frames';

export type SocketStatus = 'connecting' | 'open' | 'closed';

type FrameListener = (f: ServerFrame) => void;
type StatusListener = (s: SocketStatus) => void;

export function chatSocketUrl(loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws/chat`;
}

export function chatProtocols(token: string): string[] {
  // Browsers cannot set headers on WebSocket; Quarkus reads them from this subprotocol. A subprotocol must
  // be an RFC 6455 token (no space), so the browser throws SyntaxError on the raw "Bearer <token>":
  // it goes URL-encoded, and Quarkus decodes it (as its websockets-next guide does).
  return ['quarkus', encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${token}`)];
}

export class ChatSocket {
  private ws: WebSocket | null = null;
  private frames = new Set<FrameListener>();
  private statuses = new Set<StatusListener>();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  status: SocketStatus = 'closed';

  constructor(
    private readonly getToken: () => string | null,
    private readonly url: string = chatSocketUrl(),
    private readonly factory: (url: string, protocols: string[]) => WebSocket = (u, p) => new WebSocket(u, p),
  ) {}

  start() {
    this.stopped = false;
    if (!this.ws) this.open();
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    ws?.close(1000);
    this.setStatus('closed');
  }

  onFrame(l: FrameListener): () => void {
    this.frames.add(l);
    return () => this.frames.delete(l);
  }

  onStatus(l: StatusListener): () => void {
    this.statuses.add(l);
    return () => this.statuses.delete(l);
  }

  /** Sends when open; false tells the caller to use the REST fallback. */
  send(f: ClientFrame): boolean {
    if (this.ws && this.ws.readyState === 1) {
      this.ws.send(JSON.stringify(f));
      return true;
    }
    return false;
  }

  private setStatus(s: SocketStatus) {
    this.status = s;
    for (const l of this.statuses) l(s);
  }

  private open() {
    const token = this.getToken();
    if (!token) {
      this.scheduleReconnect();
      return;
    }
    this.setStatus('connecting');
    let ws: WebSocket;
    try {
      ws = this.factory(this.url, chatProtocols(token));
    } catch (e) {
      console.warn('chat socket cannot be created', e);
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.setStatus('open');
    };
    ws.onmessage = (ev) => {
      const f = typeof ev.data === 'string' ? parseFrame(ev.data) : null;
      if (f) for (const l of this.frames) l(f);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.setStatus('closed');
      this.scheduleReconnect();
    };
    ws.onerror = () => {
      /* onclose follows and reconnects */
    };
  }

  private scheduleReconnect() {
    if (this.stopped) return;
    const delay = Math.min(30000, 500 * 2 ** this.retry) * (0.8 + Math.random() * 0.4);
    this.retry++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.open();
    }, delay);
  }
}
