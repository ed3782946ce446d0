import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

describe('SseParser', () => {
  it('assembles events split across chunks, skipping comments (heartbeats)', () => {
    const p = new SseParser();
    expect(p.push(': keep-alive\n\nid: 7\nevent: notifi')).toEqual([]);
    expect(p.push('cation\ndata: {"id":7,\ndata: "title":"hi"}\n\n')).toEqual([
      { event: 'notification', data: '{"id":7,\n"title":"hi"}', id: '7' },
    ]);
  });

  it('defaults the event name to message and handles CRLF', () => {
    const p = new SseParser();
    expect(p.push('data: x\r\n\r\ndata:y\n\n')).toEqual([
      { event: 'message', data: 'x', id: undefined },
      { event: 'message', data: 'y', id: undefined },
    ]);
  });
});
