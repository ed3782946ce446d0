// Server-Sent Events over fetch: EventSource cannot send the Authorization header.

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Incremental parser: feed it text chunks, get back complete events (spec: blank line ends an event). */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;

  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    for (let nl = this.buffer.search(/\r\n|\r|\n/); nl >= 0; nl = this.buffer.search(/\r\n|\r|\n/)) {
      const line = this.buffer.slice(0, nl);
      const sepLen = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      this.buffer = this.buffer.slice(nl + sepLen);
      if (line === '') {
        if (this.data.length) out.push({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
        this.data = [];
        this.event = '';
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') this.data.push(value);
      else if (field === 'event') this.event = value;
      else if (field === 'id') this.id = value;
    }
    return out;
  }
}

export interface SseOptions {
  getToken: () => string | null;
  onEvent: (e: SseEvent) => void;
  onOpen?: () => void;
  signal: AbortSignal;
}

/** Reads the stream until aborted, reconnecting with backoff when it ends or fails. */
export async function streamSse(url: string, opts: SseOptions): Promise<void> {
  let delay = 1000;
  while (!opts.signal.aborted) {
    try {
      const token = opts.getToken();
      const res = await fetch(url, {
        headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        signal: opts.signal,
        cache: 'no-store',
      });
      if (res.ok && res.body) {
        delay = 1000;
        opts.onOpen?.();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const ev of parser.push(value)) opts.onEvent(ev);
        }
      }
    } catch (e) {
      if (opts.signal.aborted) return;
      void e;
    }
    if (opts.signal.aborted) return;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 30000);
  }
}
