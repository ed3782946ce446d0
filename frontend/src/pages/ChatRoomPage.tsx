import { CalendarIcon, CameraIcon } from '../components/Icons';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client';
import { answerOffer, getRoom, listMessages, markRoomRead, sendMessageRest, sendPhotos } from '../api/endpoints';
import { type Appointment, CHAT_PHOTO_TYPES, type ChatMessage, type ChatPhoto, type OfferAction } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import {
  addMessages,
  addPending,
  applyFrame,
  failPending,
  initialRoomState,
  lastMessageId,
  progressPending,
  removePending,
  unreadFromPeer,
  type PendingMessage,
  type RoomState,
} from '../chat/frames';
import { LocalPreviews, PhotoGrid, PhotoViewer, chatPhotosProblem } from '../chat/ChatPhotos';
import { useChatSocket } from '../chat/ChatProvider';
import type { SocketStatus } from '../chat/socket';
import { StatusBadge } from '../components/ProductCard';
import { ReviewBanner } from '../components/ReviewForm';
import { ErrorState, InlineError, Loading } from '../components/Status';
import { useI18n } from '../i18n';
import { formatDateTime, formatPrice, formatTime, newClientMsgId } from '../lib/format';
import { keys } from '../lib/queries';
import { ReportButton } from '../components/ReportDialog';

const ACK_TIMEOUT_MS = 5000;
const PAGE = 50;

/** A failed send worth repeating as it is (with the same clientMsgId): the network, a rate limit, a server outage. */
function retryable(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status === 429 || e.status >= 500);
}

export default function ChatRoomPage() {
  const roomId = Number(useParams().roomId);
  const { t } = useI18n();
  const { user } = useAuth();
  const myId = user?.id ?? '';
  const socket = useChatSocket();
  const qc = useQueryClient();
  const room = useQuery({
    queryKey: keys.room(roomId),
    queryFn: () => getRoom(roomId),
    enabled: Number.isFinite(roomId),
  });

  const [state, setState] = useState<RoomState>(() => initialRoomState(roomId));
  const stateRef = useRef(state);
  stateRef.current = state;
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);
  const [hasOlder, setHasOlder] = useState(false);
  const [status, setStatus] = useState<SocketStatus>(socket?.status ?? 'connecting');
  const [text, setText] = useState('');
  const [showAppt, setShowAppt] = useState(false);
  const [apptAt, setApptAt] = useState('');
  const [apptPlace, setApptPlace] = useState('');
  const [showOffer, setShowOffer] = useState(false);
  const [offerAmount, setOfferAmount] = useState('');
  const [offerError, setOfferError] = useState<unknown>(null);
  const [photoError, setPhotoError] = useState('');
  const [viewing, setViewing] = useState<{ photos: ChatPhoto[]; index: number } | null>(null);
  const [now, setNow] = useState(Date.now());
  const lastReadSent = useRef(0);
  const lastTypingSent = useRef(0);
  const listRef = useRef<HTMLOListElement>(null);

  const update = useCallback((f: (s: RoomState) => RoomState) => {
    stateRef.current = f(stateRef.current);
    setState(stateRef.current);
  }, []);

  /** Fetches everything after the newest message we hold (used on open, reconnect and while offline). */
  const catchUp = useCallback(async () => {
    for (let i = 0; i < 20; i++) {
      const after = lastMessageId(stateRef.current);
      const page = await listMessages(roomId, after ? { after, size: PAGE } : { size: PAGE });
      if (!after) setHasOlder(page.length >= PAGE);
      update((s) => addMessages(s, page));
      if (page.length < PAGE) break;
    }
  }, [roomId, update]);

  useEffect(() => {
    stateRef.current = initialRoomState(roomId);
    setState(stateRef.current);
    setLoaded(false);
    lastReadSent.current = 0;
    catchUp()
      .then(() => setLoaded(true))
      .catch((e) => setLoadError(e));
  }, [roomId, catchUp]);

  useEffect(() => {
    if (!socket) return;
    setStatus(socket.status);
    const offFrame = socket.onFrame((f) => {
      if (f.type === 'resync') void catchUp().catch(() => {});
      else update((s) => applyFrame(s, f, myId));
    });
    const offStatus = socket.onStatus((s) => {
      setStatus(s);
      if (s === 'open') void catchUp().catch(() => {});
    });
    return () => {
      offFrame();
      offStatus();
    };
  }, [socket, myId, update, catchUp]);

  // Without a live socket, poll so nothing is missed; the socket's reopen catches up too.
  useEffect(() => {
    if (status === 'open') return;
    const id = setInterval(() => void catchUp().catch(() => {}), 3000);
    return () => clearInterval(id);
  }, [status, catchUp]);

  // Read receipts for the other person's messages.
  useEffect(() => {
    const upTo = unreadFromPeer(state, myId, lastReadSent.current);
    if (upTo === null || document.visibilityState === 'hidden') return;
    lastReadSent.current = upTo;
    if (!socket?.send({ type: 'read', roomId, messageId: upTo })) {
      void markRoomRead(roomId, upTo).catch(() => {});
    }
    void qc.invalidateQueries({ queryKey: keys.rooms });
  }, [state, myId, socket, roomId, qc]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the bottom whenever a message is added (the counts are the trigger)
  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state.messages.length, state.pending.length]);

  useEffect(() => {
    if (state.typingUntil <= Date.now()) return;
    const id = setTimeout(() => setNow(Date.now()), state.typingUntil - Date.now() + 50);
    return () => clearTimeout(id);
  }, [state.typingUntil]);

  const deliver = useCallback(
    async (content: string, appointment?: Appointment, offer?: { amount: number }) => {
      const clientMsgId = newClientMsgId();
      update((s) => addPending(s, { clientMsgId, content, appointment, offer, createdAt: Date.now() }));
      const viaRest = async () => {
        try {
          const m = await sendMessageRest(roomId, offer ? '' : content, clientMsgId, appointment, offer);
          update((s) => addMessages(s, [m]));
        } catch (e) {
          update((s) => failPending(s, clientMsgId, errorMessage(e)));
        }
      };
      const frame = offer
        ? { type: 'send' as const, roomId, clientMsgId, offer }
        : { type: 'send' as const, roomId, content, clientMsgId, ...(appointment ? { appointment } : {}) };
      if (socket?.send(frame)) {
        // Same clientMsgId over REST returns the same message, so a lost ack cannot duplicate it.
        setTimeout(() => {
          if (stateRef.current.pending.some((p) => p.clientMsgId === clientMsgId && !p.failed)) void viaRest();
        }, ACK_TIMEOUT_MS);
      } else {
        await viaRest();
      }
    },
    [roomId, socket, update],
  );

  /** Uploads a pending PHOTO message (again, after a failure: the same clientMsgId cannot store it twice). */
  const uploadPhotos = useCallback(
    async (p: PendingMessage) => {
      if (!p.photos) return;
      update((s) => progressPending(s, p.clientMsgId, 0));
      try {
        const m = await sendPhotos(roomId, p.photos, {
          clientMsgId: p.clientMsgId,
          onProgress: (f) => update((s) => progressPending(s, p.clientMsgId, f)),
        });
        update((s) => addMessages(s, [m]));
      } catch (e) {
        update((s) => failPending(s, p.clientMsgId, errorMessage(e), retryable(e)));
      }
    },
    [roomId, update],
  );
  const onPickPhotos = (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    // the same photo can be picked again right away
    input.value = '';
    if (!files.length) return;
    const problem = chatPhotosProblem(files, t);
    setPhotoError(problem ?? '');
    if (problem) return;
    const p: PendingMessage = { clientMsgId: newClientMsgId(), content: '', photos: files, createdAt: Date.now() };
    update((s) => addPending(s, p));
    void uploadPhotos(p);
  };
  const closeViewer = useCallback(() => setViewing(null), []);
  const showIndex = useCallback((index: number) => setViewing((v) => (v ? { ...v, index } : v)), []);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const content = text.trim();
    if (!content) return;
    setText('');
    void deliver(content);
  };
  const onType = (v: string) => {
    setText(v);
    if (Date.now() - lastTypingSent.current > 2000) {
      lastTypingSent.current = Date.now();
      socket?.send({ type: 'typing', roomId });
    }
  };
  const onAppointment = (e: FormEvent) => {
    e.preventDefault();
    if (!apptAt || !apptPlace.trim()) return;
    const at = new Date(apptAt);
    const appointment: Appointment = { at: at.toISOString(), place: apptPlace.trim() };
    void deliver(t('chat.appointmentMsg', { at: at.toLocaleString(), place: apptPlace.trim() }), appointment);
    setShowAppt(false);
    setApptAt('');
    setApptPlace('');
  };
  const onOffer = (e: FormEvent) => {
    e.preventDefault();
    const amount = Number(offerAmount);
    if (!Number.isInteger(amount) || amount < 1) return;
    void deliver(t('offer.message', { amount: formatPrice(amount, t) }), undefined, { amount });
    setShowOffer(false);
    setOfferAmount('');
  };
  const onAnswer = async (offerId: number, action: OfferAction, reserve?: boolean) => {
    setOfferError(null);
    try {
      const m = await answerOffer(roomId, offerId, action, reserve);
      update((s) => addMessages(s, [m]));
      if (action === 'accept' && r) {
        void qc.invalidateQueries({ queryKey: keys.room(roomId) });
        void qc.invalidateQueries({ queryKey: keys.product(r.product.id) });
      }
    } catch (err) {
      setOfferError(err);
    }
  };
  const loadOlder = async () => {
    const first = stateRef.current.messages[0];
    if (!first) return;
    const page = await listMessages(roomId, { before: first.id, size: PAGE });
    setHasOlder(page.length >= PAGE);
    update((s) => addMessages(s, page));
  };

  if (room.isError) return <ErrorState error={room.error} onRetry={() => void room.refetch()} />;
  const r = room.data;
  const blocked = !!r?.blocked;
  const other = r ? (r.seller.id === myId ? r.buyer : r.seller) : null;
  const iAmBuyer = !!r && r.buyer.id === myId;
  const iAmSeller = !!r && r.seller.id === myId;
  const canOffer = iAmBuyer && r?.product.status === 'ON_SALE' && r.product.price > 0;
  const lastMineRead = [...state.messages].reverse().find((m) => m.senderId === myId && m.id <= state.peerReadId);

  return (
    <section className="page chat-room" aria-labelledby="room-title">
      <header className="room-header">
        <h1 id="room-title">{other?.nickname ?? t('chat.title')}</h1>
        {/* The listing's line keeps its place while the room loads, so the messages below do not jump. */}
        {!r && <div className="room-product" aria-hidden="true" />}
        {r && (
          <Link to={`/products/${r.product.id}`} className="room-product">
            {r.product.thumbnailUrl && (
              <img src={r.product.thumbnailUrl} alt="" width={40} height={40} loading="lazy" />
            )}
            <span>
              <StatusBadge status={r.product.status} /> {r.product.title} ·{' '}
              <strong>{formatPrice(r.product.price, t)}</strong>
            </span>
          </Link>
        )}
        {status !== 'open' && (
          <p className="conn" role="status">
            {status === 'connecting' ? t('chat.connecting') : t('chat.offline')}
          </p>
        )}
      </header>
      {/* the room's copy of the listing's status follows the trade a moment later: product answers for itself */}
      {r && <ReviewBanner productId={r.product.id} sold />}
      {!!loadError && <ErrorState error={loadError} />}
      {hasOlder && (
        <button type="button" className="link-button" onClick={() => void loadOlder()}>
          {t('chat.olderMessages')}
        </button>
      )}
      <ol className="messages" ref={listRef} aria-live="polite" aria-label={t('chat.title')}>
        {!loaded && !loadError && (
          <li>
            <Loading />
          </li>
        )}
        {loaded && state.messages.length === 0 && state.pending.length === 0 && (
          <li className="muted center">{t('chat.noMessages')}</li>
        )}
        {state.messages.map((m) => (
          <Bubble
            key={m.id}
            m={m}
            mine={m.senderId === myId}
            read={m.id === lastMineRead?.id}
            seller={iAmSeller}
            onAnswer={onAnswer}
            onOpenPhoto={(index) => m.photos && setViewing({ photos: m.photos, index })}
          />
        ))}
        {state.pending.map((p) =>
          p.photos ? (
            <li key={p.clientMsgId} className="bubble mine pending photo">
              <LocalPreviews files={p.photos} />
              {p.failed ? (
                <span className="small" role="alert">
                  {t('chat.failed')}: {p.failed}{' '}
                  {p.retryable && (
                    <button type="button" className="link-button small" onClick={() => void uploadPhotos(p)}>
                      {t('chat.photoRetry')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="link-button small"
                    onClick={() => update((s) => removePending(s, p.clientMsgId))}
                  >
                    {t('chat.photoDiscard')}
                  </button>
                </span>
              ) : (
                <span className="small muted" role="status">
                  {t('chat.photoSending', { p: Math.round((p.progress ?? 0) * 100) })}
                </span>
              )}
            </li>
          ) : (
            <li key={p.clientMsgId} className="bubble mine pending">
              <p>{p.content}</p>
              <span className="small muted">{p.failed ? `${t('chat.failed')}: ${p.failed}` : t('chat.sending')}</span>
            </li>
          ),
        )}
      </ol>
      {viewing && (
        <PhotoViewer photos={viewing.photos} index={viewing.index} onIndex={showIndex} onClose={closeViewer} />
      )}
      {state.typingUntil > now && (
        <p className="typing" role="status">
          {t('chat.typing')}
        </p>
      )}
      {state.lastError && <InlineError error={new Error(state.lastError)} />}
      <InlineError error={offerError} />
      {photoError && (
        <p className="inline-error" role="alert">
          {photoError}
        </p>
      )}
      {showOffer && !blocked && !r?.closed && (
        <form className="appointment-form offer-form" onSubmit={onOffer} aria-label={t('offer.title')}>
          <label>
            {t('offer.amount')}
            <input
              type="number"
              inputMode="numeric"
              required
              min={1}
              max={r ? r.product.price - 1 : 1_000_000_000}
              step={1}
              value={offerAmount}
              onChange={(e) => setOfferAmount(e.target.value)}
            />
          </label>
          <button type="submit" className="btn btn-small">
            {t('offer.send')}
          </button>
        </form>
      )}
      {showAppt && !blocked && (
        <form className="appointment-form" onSubmit={onAppointment} aria-label={t('chat.appointment')}>
          <label>
            {t('chat.appointmentAt')}
            <input type="datetime-local" required value={apptAt} onChange={(e) => setApptAt(e.target.value)} />
          </label>
          <label>
            {t('chat.appointmentPlace')}
            <input required maxLength={100} value={apptPlace} onChange={(e) => setApptPlace(e.target.value)} />
          </label>
          <button type="submit" className="btn btn-small">
            {t('chat.appointmentSend')}
          </button>
        </form>
      )}
      {r?.closed ? (
        // one party left ddangn-market (탈퇴): the conversation stays readable, nothing more can be sent
        <p className="closed-room note" role="status">
          {t('chat.closed')}
        </p>
      ) : blocked ? (
        <p className="composer blocked muted" role="status">
          {t('chat.blocked')}
        </p>
      ) : (
        <form className="composer" onSubmit={onSubmit}>
          <label className="icon-button photo-attach" title={t('chat.photoAttach')}>
            <CameraIcon size={22} />
            <span className="sr-only">{t('chat.photoAttach')}</span>
            <input
              type="file"
              className="sr-only"
              multiple
              accept={CHAT_PHOTO_TYPES.join(',')}
              onChange={(e) => onPickPhotos(e.currentTarget)}
            />
          </label>
          <button
            type="button"
            className="icon-button"
            aria-label={t('chat.appointment')}
            aria-expanded={showAppt}
            onClick={() => setShowAppt((s) => !s)}
          >
            <CalendarIcon />
          </button>
          {canOffer && (
            <button
              type="button"
              className="icon-button"
              aria-label={t('offer.title')}
              aria-expanded={showOffer}
              onClick={() => setShowOffer((s) => !s)}
            >
              ₩
            </button>
          )}
          <label htmlFor="chat-input" className="sr-only">
            {t('chat.inputLabel')}
          </label>
          <input
            id="chat-input"
            autoComplete="off"
            value={text}
            maxLength={1000}
            placeholder={t('chat.placeholder')}
            onChange={(e) => onType(e.target.value)}
          />
          <button type="submit" className="btn btn-small" disabled={!text.trim()}>
            {t('chat.send')}
          </button>
        </form>
      )}
    </section>
  );
}

function Bubble({
  m,
  mine,
  read,
  seller,
  onAnswer,
  onOpenPhoto,
}: {
  m: ChatMessage;
  mine: boolean;
  read: boolean;
  seller: boolean;
  onAnswer: (offerId: number, action: OfferAction, reserve?: boolean) => Promise<void>;
  onOpenPhoto: (index: number) => void;
}) {
  const { t } = useI18n();
  if (m.type === 'SYSTEM') return <li className="system small muted">{m.content}</li>;
  const kind =
    m.type === 'APPOINTMENT' ? 'appointment' : m.type === 'OFFER' ? 'offer' : m.type === 'PHOTO' ? 'photo' : '';
  return (
    <li className={`bubble ${mine ? 'mine' : 'theirs'} ${kind}`}>
      {m.type === 'OFFER' && m.offer ? (
        <OfferBody m={m} offer={m.offer} mine={mine} seller={seller} onAnswer={onAnswer} />
      ) : m.type === 'PHOTO' && m.photos?.length ? (
        <>
          <PhotoGrid photos={m.photos} onOpen={onOpenPhoto} />
          {m.content && <p>{m.content}</p>}
        </>
      ) : m.type === 'APPOINTMENT' && m.appointment ? (
        <p>
          <strong>{t('chat.appointment')}</strong>
          <br />
          {formatDateTime(m.appointment.at)} · {m.appointment.place}
        </p>
      ) : (
        <p>{m.content}</p>
      )}
      <span className="small muted">
        <time dateTime={m.sentAt}>{formatTime(m.sentAt)}</time>
        {mine && read && <> · {t('chat.read')}</>}
      </span>
      {!mine && <ReportButton targetType="MESSAGE" targetId={m.id} />}
    </li>
  );
}

function OfferBody({
  m,
  offer,
  mine,
  seller,
  onAnswer,
}: {
  m: ChatMessage;
  offer: NonNullable<ChatMessage['offer']>;
  mine: boolean;
  seller: boolean;
  onAnswer: (offerId: number, action: OfferAction, reserve?: boolean) => Promise<void>;
}) {
  const { t } = useI18n();
  const [reserve, setReserve] = useState(true);
  const [busy, setBusy] = useState(false);
  const act = (action: OfferAction) => {
    setBusy(true);
    void onAnswer(m.id, action, action === 'accept' ? reserve : undefined).finally(() => setBusy(false));
  };
  const pending = offer.status === 'PENDING';
  // The server writes an offer sent without a note as "가격 제안: 400,000원"; anything else is the buyer's note.
  const note = m.content.startsWith('가격 제안:') ? null : m.content;
  return (
    <div className="offer-body">
      <p>
        <strong>{t('offer.title')}</strong>
        <br />
        <span className="offer-amount">{formatPrice(offer.amount, t)}</span>{' '}
        <span className={`offer-status offer-${offer.status.toLowerCase()}`}>{t(`offer.status.${offer.status}`)}</span>
      </p>
      {note && <p className="small">{note}</p>}
      {pending && seller && (
        <div className="offer-actions">
          <label className="small">
            <input type="checkbox" checked={reserve} onChange={(e) => setReserve(e.target.checked)} />{' '}
            {t('offer.reserve')}
          </label>
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => act('accept')}>
            {t('offer.accept')}
          </button>
          <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => act('decline')}>
            {t('offer.decline')}
          </button>
        </div>
      )}
      {pending && mine && !seller && (
        <button type="button" className="link-button small" disabled={busy} onClick={() => act('withdraw')}>
          {t('offer.withdraw')}
        </button>
      )}
    </div>
  );
}
