// Pure chat state: what the room screen shows, updated by REST pages and WebSocket frames (DESIGN §6).
import type { Appointment, ChatMessage, Offer } from '../api/types';

export type ServerFrame =
  | { type: 'message'; message: ChatMessage }
  | { type: 'ack'; clientMsgId: string; message: ChatMessage }
  | { type: 'read'; roomId: number; userId: string; messageId: number }
  | { type: 'typing'; roomId: number; userId?: string }
  | { type: 'error'; code?: string; detail?: string; clientMsgId?: string }
  /** The server may have failed to deliver frames (its fan-out was interrupted): fetch `after` again. */
  | { type: 'resync' };

export type ClientFrame =
  | {
      type: 'send';
      roomId: number;
      content?: string;
      clientMsgId: string;
      appointment?: Appointment;
      offer?: { amount: number };
    }
  | { type: 'read'; roomId: number; messageId: number }
  | { type: 'typing'; roomId: number };

export interface PendingMessage {
  clientMsgId: string;
  content: string;
  appointment?: Appointment;
  offer?: { amount: number };
  /** A PHOTO message on its way: the chosen files (sent over REST only, never the socket). */
  photos?: File[];
  /** Upload progress of `photos`, 0..1. */
  progress?: number;
  failed?: string;
  /** The failure may pass on its own (network, 429, 5xx): the same clientMsgId can be sent again. */
  retryable?: boolean;
  createdAt: number;
}

export interface RoomState {
  roomId: number;
  messages: ChatMessage[];
  pending: PendingMessage[];
  /** highest message id the other participant has read */
  peerReadId: number;
  /** epoch ms until which "typing…" is shown */
  typingUntil: number;
  lastError?: string;
}

export function initialRoomState(roomId: number): RoomState {
  return { roomId, messages: [], pending: [], peerReadId: 0, typingUntil: 0 };
}

/** Adds messages keeping ids unique and ascending (ids strictly increase within a room). */
export function mergeMessages(existing: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (!incoming.length) return existing;
  const byId = new Map<number, ChatMessage>();
  for (const m of existing) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export function lastMessageId(s: RoomState): number {
  return s.messages.length ? s.messages[s.messages.length - 1].id : 0;
}

function withoutPending(pending: PendingMessage[], msgs: ChatMessage[]): PendingMessage[] {
  const done = new Set(msgs.map((m) => m.clientMsgId).filter(Boolean));
  return done.size ? pending.filter((p) => !done.has(p.clientMsgId)) : pending;
}

/**
 * A SYSTEM message that records an offer's change carries its new state: the OFFER bubble it is about shows it
 * at once. (After a reload the OFFER message itself carries its current state.)
 */
function applyOfferChanges(messages: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const changes = new Map<number, Offer>();
  for (const m of incoming) {
    if (m.type === 'SYSTEM' && m.offer) changes.set(m.offer.offerId, m.offer);
  }
  if (!changes.size) return messages;
  return messages.map((m) => {
    const change = m.type === 'OFFER' ? changes.get(m.id) : undefined;
    return change && m.offer && m.offer.status === 'PENDING'
      ? { ...m, offer: { ...m.offer, status: change.status } }
      : m;
  });
}

export function addMessages(s: RoomState, msgs: ChatMessage[]): RoomState {
  const mine = msgs.filter((m) => m.roomId === s.roomId || m.roomId === undefined);
  if (!mine.length) return s;
  return {
    ...s,
    messages: applyOfferChanges(mergeMessages(s.messages, mine), mine),
    pending: withoutPending(s.pending, mine),
  };
}

export function addPending(s: RoomState, p: PendingMessage): RoomState {
  return { ...s, pending: [...s.pending, p] };
}

export function failPending(s: RoomState, clientMsgId: string, reason: string, retryable = false): RoomState {
  return updatePending(s, clientMsgId, (p) => ({ ...p, failed: reason, retryable }));
}

/** Upload progress of a pending photo message; a retry clears its failure. */
export function progressPending(s: RoomState, clientMsgId: string, progress: number): RoomState {
  return updatePending(s, clientMsgId, (p) => ({ ...p, progress, failed: undefined, retryable: undefined }));
}

export function removePending(s: RoomState, clientMsgId: string): RoomState {
  return { ...s, pending: s.pending.filter((p) => p.clientMsgId !== clientMsgId) };
}

function updatePending(s: RoomState, clientMsgId: string, f: (p: PendingMessage) => PendingMessage): RoomState {
  if (!s.pending.some((p) => p.clientMsgId === clientMsgId)) return s;
  return { ...s, pending: s.pending.map((p) => (p.clientMsgId === clientMsgId ? f(p) : p)) };
}

export const TYPING_MS = 3000;

/** Applies one server frame; frames of other rooms and our own echoes are handled here too. */
export function applyFrame(s: RoomState, f: ServerFrame, myId: string, now: number = Date.now()): RoomState {
  switch (f.type) {
    case 'message':
      if (f.message.roomId !== s.roomId) return s;
      return {
        ...addMessages(s, [f.message]),
        typingUntil: f.message.senderId !== myId ? 0 : s.typingUntil,
      };
    case 'ack': {
      if (f.message && f.message.roomId === s.roomId) return addMessages(s, [f.message]);
      return s.pending.some((p) => p.clientMsgId === f.clientMsgId) && f.message ? addMessages(s, [f.message]) : s;
    }
    case 'read':
      if (f.roomId !== s.roomId || f.userId === myId) return s;
      return { ...s, peerReadId: Math.max(s.peerReadId, f.messageId) };
    case 'typing':
      if (f.roomId !== s.roomId || f.userId === myId) return s;
      return { ...s, typingUntil: now + TYPING_MS };
    case 'error':
      if (f.clientMsgId && s.pending.some((p) => p.clientMsgId === f.clientMsgId)) {
        return failPending(s, f.clientMsgId, f.detail ?? f.code ?? 'error');
      }
      return { ...s, lastError: f.detail ?? f.code };
    default:
      return s;
  }
}

export function parseFrame(raw: string): ServerFrame | null {
  try {
    const f = JSON.parse(raw) as ServerFrame;
    return f && typeof f === 'object' && typeof f.type === 'string' ? f : null;
  } catch {
    return null;
  }
}

/** Ids of the other person's messages that we have not yet reported as read. */
export function unreadFromPeer(s: RoomState, myId: string, lastReported: number): number | null {
  for (let i = s.messages.length - 1; i >= 0; i--) {
    const m = s.messages[i];
    if (m.id <= lastReported) return null;
    if (m.senderId !== myId) return s.messages[s.messages.length - 1].id;
  }
  return null;
}
