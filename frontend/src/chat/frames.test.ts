import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../api/types';
import {
  addMessages,
  addPending,
  applyFrame,
  initialRoomState,
  lastMessageId,
  mergeMessages,
  parseFrame,
  unreadFromPeer,
} from './frames';

const msg = (id: number, senderId = 'bob', extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  roomId: 1,
  senderId,
  type: 'TEXT',
  content: `m${id}`,
  sentAt: '2026-11-26T10:00:00Z',
  ...extra,
});

describe('chat frames', () => {
  it('keeps messages unique and in id order however they arrive (REST page, live frame, catch-up)', () => {
    let s = addMessages(initialRoomState(1), [msg(3), msg(1)]);
    s = applyFrame(s, { type: 'message', message: msg(2) }, 'alice');
    s = addMessages(s, [msg(2), msg(3), msg(4)]);
    expect(s.messages.map((m) => m.id)).toEqual([1, 2, 3, 4]);
    expect(lastMessageId(s)).toBe(4);
  });

  it('shows an offer change (a SYSTEM message) on the OFFER bubble it is about, live or from a page', () => {
    const offer = msg(5, 'bob', { type: 'OFFER', offer: { offerId: 5, amount: 400000, status: 'PENDING' } });
    const accepted = msg(6, 'alice', {
      type: 'SYSTEM',
      offer: { offerId: 5, amount: 400000, status: 'ACCEPTED' },
    });
    let s = addMessages(initialRoomState(1), [msg(4), offer]);
    s = applyFrame(s, { type: 'message', message: accepted }, 'bob');
    expect(s.messages.find((m) => m.id === 5)?.offer?.status).toBe('ACCEPTED');
    expect(s.messages.find((m) => m.id === 6)?.offer?.status).toBe('ACCEPTED');
    // a reload's page carries the current state on the OFFER itself; an older change never moves it back
    const declinedEarlier = msg(3, 'alice', {
      type: 'SYSTEM',
      offer: { offerId: 2, amount: 300000, status: 'DECLINED' },
    });
    s = addMessages(s, [declinedEarlier]);
    expect(s.messages.find((m) => m.id === 5)?.offer?.status).toBe('ACCEPTED');
  });

  it('replaces a pending message by its ack (matched by clientMsgId), and the echo does not duplicate it', () => {
    let s = addPending(initialRoomState(1), { clientMsgId: 'c1', content: 'hi', createdAt: 0 });
    const stored = msg(10, 'alice', { content: 'hi', clientMsgId: 'c1' });
    s = applyFrame(s, { type: 'ack', clientMsgId: 'c1', message: stored }, 'alice');
    expect(s.pending).toEqual([]);
    s = applyFrame(s, { type: 'message', message: stored }, 'alice');
    expect(s.messages).toHaveLength(1);
  });

  it('marks a pending message failed on an error frame naming it', () => {
    let s = addPending(initialRoomState(1), { clientMsgId: 'c2', content: 'x', createdAt: 0 });
    s = applyFrame(s, { type: 'error', code: 'RATE_LIMITED', detail: 'slow down', clientMsgId: 'c2' }, 'alice');
    expect(s.pending[0].failed).toBe('slow down');
  });

  it('ignores frames of other rooms and our own read/typing', () => {
    const s0 = initialRoomState(1);
    expect(applyFrame(s0, { type: 'message', message: { ...msg(5), roomId: 2 } }, 'alice')).toBe(s0);
    expect(applyFrame(s0, { type: 'read', roomId: 1, userId: 'alice', messageId: 9 }, 'alice').peerReadId).toBe(0);
    expect(applyFrame(s0, { type: 'typing', roomId: 1, userId: 'alice' }, 'alice', 1000).typingUntil).toBe(0);
  });

  it('tracks the read receipt and typing of the other person', () => {
    let s = applyFrame(initialRoomState(1), { type: 'read', roomId: 1, userId: 'bob', messageId: 7 }, 'alice');
    s = applyFrame(s, { type: 'read', roomId: 1, userId: 'bob', messageId: 5 }, 'alice');
    expect(s.peerReadId).toBe(7);
    s = applyFrame(s, { type: 'typing', roomId: 1, userId: 'bob' }, 'alice', 1000);
    expect(s.typingUntil).toBe(4000);
    s = applyFrame(s, { type: 'message', message: msg(8) }, 'alice');
    expect(s.typingUntil).toBe(0);
  });

  it('knows which id to report as read', () => {
    const s = addMessages(initialRoomState(1), [msg(1, 'bob'), msg(2, 'alice')]);
    expect(unreadFromPeer(s, 'alice', 0)).toBe(2);
    expect(unreadFromPeer(s, 'alice', 2)).toBeNull();
    expect(unreadFromPeer(addMessages(initialRoomState(1), [msg(3, 'alice')]), 'alice', 0)).toBeNull();
  });

  it('parses only JSON frames with a type', () => {
    expect(parseFrame('{"type":"typing","roomId":1}')).toEqual({ type: 'typing', roomId: 1 });
    expect(parseFrame('nope')).toBeNull();
    expect(parseFrame('{"x":1}')).toBeNull();
    expect(mergeMessages([], [])).toEqual([]);
  });
});
