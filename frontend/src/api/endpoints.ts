import { ApiError, getAccessToken, request, requestFull, toProblem } from './client';
import type {
  AdminReport,
  Appointment,
  Block,
  MyReview,
  ReceivedReview,
  Review,
  ReviewInput,
  Category,
  Keyword,
  ChatMessage,
  OfferAction,
  ChatRoom,
  Comment,
  Me,
  ModerationActionType,
  ModerationEntry,
  Notice,
  NoticeInput,
  NotificationPage,
  NotificationSettings,
  Page,
  Product,
  ProductImage,
  ProductInput,
  ProductQuery,
  ProductStatus,
  ProductSummary,
  RangeStep,
  Region,
  ProhibitedWord,
  Report,
  ReportInput,
  ReportStatus,
  UserProfile,
  UserRef,
} from './types';

const enc = encodeURIComponent;

// product
export const getCategories = () => request<Category[]>('/api/categories');
export const listProducts = (q: ProductQuery, cursor?: string, signal?: AbortSignal) =>
  request<Page<ProductSummary>>('/api/products', { query: { ...q, cursor }, signal });
export const getProduct = (id: number) => request<Product>(`/api/products/${id}`);
export const createProduct = async (input: ProductInput) =>
  request<Product>('/api/products', { method: 'POST', body: input });
export const updateProduct = (id: number, input: ProductInput, version: number) =>
  request<Product>(`/api/products/${id}`, {
    method: 'PUT',
    body: { ...input, version },
    headers: { 'If-Match': `"${version}"` },
  });
export const changeStatus = (id: number, status: ProductStatus, buyerId?: string) =>
  request<Product>(`/api/products/${id}/status`, { method: 'PATCH', body: buyerId ? { status, buyerId } : { status } });
export const bumpProduct = (id: number) => request<Product>(`/api/products/${id}/bump`, { method: 'POST' });
export const deleteProduct = (id: number) => request<void>(`/api/products/${id}`, { method: 'DELETE' });
export const deleteImage = (id: number, imageId: number) =>
  request<void>(`/api/products/${id}/images/${imageId}`, { method: 'DELETE' });
export const setLike = (id: number, liked: boolean) =>
  request<void>(`/api/products/${id}/like`, { method: liked ? 'PUT' : 'DELETE' });
export const listComments = (id: number, cursor?: string) =>
  request<Page<Comment>>(`/api/products/${id}/comments`, { query: { cursor, size: 50 } });
export const addComment = (id: number, content: string) =>
  request<Comment>(`/api/products/${id}/comments`, { method: 'POST', body: { content } });
export const deleteComment = (id: number) => request<void>(`/api/comments/${id}`, { method: 'DELETE' });
export const getMe = () => request<Me>('/api/me');
export const updateMe = (me: { nickname: string; regionCode?: string; range?: RangeStep }, version?: number) =>
  request<Me>('/api/me', {
    method: 'PUT',
    body: version === undefined ? me : { ...me, version },
    headers: version === undefined ? undefined : { 'If-Match': `"${version}"` },
  });
export const verifyRegion = (position: { lat: number; lng: number; regionCode?: string }) =>
  request<Me>('/api/me/region-verification', { method: 'POST', body: position });
export const searchRegions = (q: string, signal?: AbortSignal) =>
  request<Page<Region>>('/api/regions', { query: { q, size: 20 }, signal }).then((p) => p.items);
export const nearbyRegions = (lat: number, lng: number) =>
  request<Page<Region>>('/api/regions/nearby', { query: { lat, lng, size: 10 } }).then((p) => p.items);
/** 탈퇴: deletes the caller's account everywhere (204; a repeat is 204 too). */
export const deleteAccount = () => request<void>('/api/me', { method: 'DELETE' });
export const getUser = (id: string) => request<UserProfile>(`/api/users/${enc(id)}`);
export const listMyProducts = (status?: ProductStatus, cursor?: string) =>
  request<Page<ProductSummary>>('/api/me/products', { query: { status, cursor } });
export const listMyLikes = (cursor?: string) => request<Page<ProductSummary>>('/api/me/likes', { query: { cursor } });
export const listMyPurchases = (cursor?: string) =>
  request<Page<ProductSummary>>('/api/me/purchases', { query: { cursor } });

export const listUserReviews = (id: string, cursor?: string) =>
  request<Page<ReceivedReview>>(`/api/users/${enc(id)}/reviews`, { query: { cursor } });
export const getMyReview = (productId: number) => request<MyReview>(`/api/products/${productId}/reviews/mine`);
export const postReview = (productId: number, input: ReviewInput) =>
  request<Review>(`/api/products/${productId}/reviews`, { method: 'POST', body: input });
export const listBlocks = (cursor?: string) => request<Page<Block>>('/api/me/blocks', { query: { cursor } });
/** Whether I blocked this user: the block, or null (404). */
export const getBlock = (userId: string) =>
  request<Block>(`/api/me/blocks/${enc(userId)}`).catch((e) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
export const blockUser = (userId: string) => request<Block>('/api/me/blocks', { method: 'POST', body: { userId } });
export const unblockUser = (userId: string) => request<void>(`/api/me/blocks/${enc(userId)}`, { method: 'DELETE' });

export const listKeywords = () => request<Page<Keyword>>('/api/me/keywords').then((p) => p.items);
export const addKeyword = (keyword: string) =>
  request<Keyword>('/api/me/keywords', { method: 'POST', body: { keyword } });
export const deleteKeyword = (id: number) => request<void>(`/api/me/keywords/${id}`, { method: 'DELETE' });

/**
 * Posts a multipart form with XMLHttpRequest, because fetch cannot report upload progress. Resolves with the parsed
 * JSON answer; a refusal becomes the same ApiError `request` gives (problem+json turned into a readable message).
 */
export function postMultipart<T>(
  path: string,
  form: FormData,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    const token = getAccessToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, title: 'Network error', detail: 'Upload failed: network error' }));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    xhr.onload = async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          reject(new ApiError({ status: xhr.status, title: 'Invalid response', detail: 'The server sent no JSON' }));
        }
      } else {
        const res = new Response(xhr.responseText || null, {
          status: xhr.status,
          headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' },
        });
        const ra = xhr.getResponseHeader('retry-after');
        reject(new ApiError(await toProblem(res), ra ? Number(ra) : undefined));
      }
    };
    if (signal) {
      if (signal.aborted) {
        reject(new DOMException('Upload aborted', 'AbortError'));
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}

/** Uploads a listing's photos (multipart field `files`, as the contract says); resolves with the stored images. */
export async function uploadImages(
  productId: number,
  files: File[],
  onProgress?: (fraction: number) => void,
): Promise<ProductImage[]> {
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  const body = await postMultipart<ProductImage[] | { items?: ProductImage[] } | undefined>(
    `/api/products/${productId}/images`,
    form,
    onProgress,
  );
  return Array.isArray(body) ? body : (body?.items ?? []);
}

// chat
export const openRoom = (productId: number) =>
  request<ChatRoom>('/api/chat/rooms', { method: 'POST', body: { productId } });
export const listRooms = (cursor?: string) => request<Page<ChatRoom>>('/api/chat/rooms', { query: { cursor } });
/**
 * The people who chatted about one listing (the 거래완료 buyer candidates). The room list has no product
 * filter, so this walks it (most recent first, 100 a page) and stops at the end or after 20 pages.
 */
export async function chatPartnersFor(productId: number): Promise<UserRef[]> {
  const found = new Map<string, UserRef>();
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await request<Page<ChatRoom>>('/api/chat/rooms', { query: { productId, cursor, size: 100 } });
    for (const r of page.items)
      if (r.product.id === productId && !found.has(r.buyer.id)) found.set(r.buyer.id, r.buyer);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return [...found.values()];
}
export const getRoom = (id: number) => request<ChatRoom>(`/api/chat/rooms/${id}`);
export const listMessages = (roomId: number, params: { after?: number; before?: number; size?: number }) =>
  request<Page<ChatMessage> | ChatMessage[]>(`/api/chat/rooms/${roomId}/messages`, { query: params }).then((r) =>
    Array.isArray(r) ? r : r.items,
  );
export const sendMessageRest = (
  roomId: number,
  content: string,
  clientMsgId: string,
  appointment?: Appointment,
  offer?: { amount: number },
) =>
  request<ChatMessage>(`/api/chat/rooms/${roomId}/messages`, {
    method: 'POST',
    body: {
      ...(content ? { content } : {}),
      clientMsgId,
      ...(appointment ? { appointment } : {}),
      ...(offer ? { offer } : {}),
    },
  });
/** 가격 제안: the seller accepts (reserve: also 예약중 for the buyer) or declines, the buyer withdraws. */
export const answerOffer = (roomId: number, offerId: number, action: OfferAction, reserve?: boolean) =>
  request<ChatMessage>(`/api/chat/rooms/${roomId}/offers/${offerId}/${action}`, {
    method: 'POST',
    ...(action === 'accept' ? { body: { reserve: reserve ?? true } } : {}),
  });
/**
 * Sends photos (1–10, each a JPEG/PNG/WebP of at most 10 MB) as one PHOTO message: multipart `files`, the optional
 * caption `content` and `clientMsgId` (a resend with the same id answers the stored message, nothing is stored twice).
 */
export function sendPhotos(
  roomId: number,
  files: File[],
  opts: { clientMsgId: string; content?: string; onProgress?: (fraction: number) => void; signal?: AbortSignal },
): Promise<ChatMessage> {
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name || 'photo');
  if (opts.content) form.append('content', opts.content);
  form.append('clientMsgId', opts.clientMsgId);
  return postMultipart<ChatMessage>(`/api/chat/rooms/${roomId}/photos`, form, opts.onProgress, opts.signal);
}
export const markRoomRead = (roomId: number, lastReadId: number) =>
  request<void>(`/api/chat/rooms/${roomId}/read`, { method: 'POST', body: { lastReadId } });

// notify
export async function listNotifications(cursor?: string): Promise<NotificationPage> {
  const res = await requestFull<NotificationPage>('/api/me/notifications', { query: { cursor } });
  const header = res.headers.get('unreadcount') ?? res.headers.get('x-unread-count');
  const unreadCount = res.data.unreadCount ?? (header !== null ? Number(header) : undefined);
  return { ...res.data, unreadCount };
}
export const markNotificationsRead = (upToId: number) =>
  request<void>('/api/me/notifications/read', { method: 'POST', body: { upToId } });
export const getNotificationSettings = () => request<NotificationSettings>('/api/me/notification-settings');
export const putNotificationSettings = (s: NotificationSettings) =>
  request<NotificationSettings>('/api/me/notification-settings', { method: 'PUT', body: s });
export const listNotices = (cursor?: string) => request<Page<Notice>>('/api/notices', { query: { cursor } });
export const listAdminNotices = (cursor?: string) => request<Page<Notice>>('/api/admin/notices', { query: { cursor } });
export const createNotice = (n: NoticeInput) => request<Notice>('/api/admin/notices', { method: 'POST', body: n });
export const cancelNotice = (id: number) => request<void>(`/api/admin/notices/${id}`, { method: 'DELETE' });

// moderation
export const fileReport = (r: ReportInput) => request<Report>('/api/reports', { method: 'POST', body: r });
export const listAdminReports = (status: ReportStatus, cursor?: string) =>
  request<Page<AdminReport>>('/api/admin/reports', { query: { status, cursor } });
export const actOnReport = (id: number, action: ModerationActionType, note?: string) =>
  request<ModerationEntry>(`/api/admin/reports/${id}/actions`, {
    method: 'POST',
    body: note ? { action, note } : { action },
  });
export const listModerationLog = (cursor?: string) =>
  request<Page<ModerationEntry>>('/api/admin/moderation-log', { query: { cursor } });
export const listProhibitedWords = () =>
  request<Page<ProhibitedWord>>('/api/admin/prohibited-words').then((p) => p.items);
export const addProhibitedWord = (word: string) =>
  request<ProhibitedWord>('/api/admin/prohibited-words', { method: 'POST', body: { word } });
export const deleteProhibitedWord = (id: number) =>
  request<void>(`/api/admin/prohibited-words/${id}`, { method: 'DELETE' });
