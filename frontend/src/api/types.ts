// Types of the API contract (docs/DESIGN.md sections 4–7). Where the OpenAPI documents (docs/openapi/*.yaml)
// describe a shape exactly, the type is the generated one (src/api/generated, `npm run api:generate`); the rest
// are written by hand (nullable fields, which the documents do not mark, and client-side query shapes).
import type { components as ChatApi } from './generated/chat';
import type { components as ProductApi } from './generated/product';

export type ProductStatus = 'ON_SALE' | 'RESERVED' | 'SOLD';
export const PRODUCT_STATUSES: ProductStatus[] = ['ON_SALE', 'RESERVED', 'SOLD'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Category = ProductApi['schemas']['CategoryView'];

export type SellerSummary = ProductApi['schemas']['Seller'];

export interface ProductImage {
  id: number;
  url: string;
  thumbnailUrl: string;
  width?: number;
  height?: number;
}

export interface ProductSummary {
  id: number;
  title: string;
  price: number;
  negotiable: boolean;
  category: string;
  region: string;
  regionCode?: string | null;
  status: ProductStatus;
  buyerId?: string | null;
  seller: SellerSummary;
  thumbnailUrl?: string | null;
  likeCount: number;
  chatCount: number;
  commentCount: number;
  viewCount: number;
  liked?: boolean;
  createdAt: string;
  updatedAt: string;
  bumpedAt: string;
  version: number;
  /** Hidden by moderation: only its seller (and admins) still get it. */
  hidden?: boolean;
}

export interface Product extends ProductSummary {
  description: string;
  images: ProductImage[];
}

/** Editable fields of a product (POST /api/products, PUT /api/products/{id}). */
export interface ProductInput {
  title: string;
  description: string;
  price: number;
  negotiable: boolean;
  category: string;
  /** the listing's 동; where 동네 인증 is required (the default) a new listing is in the seller's verified 동네 */
  regionCode?: string;
}

export type ProductSort = 'latest' | 'price_asc' | 'price_desc' | 'popular';

export interface ProductQuery {
  q?: string;
  category?: string;
  /** "all" = everywhere; a 동 name = that 동 only (deprecated) */
  region?: string;
  /** centre of the range (default for a signed-in user: their 동네) */
  regionCode?: string;
  /** 0 = the 동 only, 1 ≤ 3 km, 2 ≤ 6 km, 3 ≤ 10 km */
  range?: RangeStep;
  status?: ProductStatus;
  minPrice?: number;
  maxPrice?: number;
  sellerId?: string;
  sort?: ProductSort;
  size?: number;
}

export type Comment = ProductApi['schemas']['CommentView'];

/** A 행정동 (GET /api/regions, /api/regions/nearby). */
export type Region = ProductApi['schemas']['RegionView'];

/** Feed range steps: 내 동네 (0), 근처 동네 ≤ 3 km (1), 조금 먼 동네 ≤ 6 km (2), 먼 동네 ≤ 10 km (3). */
export type RangeStep = 0 | 1 | 2 | 3;
export const RANGE_STEPS: RangeStep[] = [0, 1, 2, 3];

export interface Me {
  id: string;
  nickname: string;
  region: string | null;
  regionCode: string | null;
  /** when the user last proved being in their 동네 (동네 인증); null: not verified */
  regionVerifiedAt: string | null;
  range: RangeStep;
  mannerTemperature: number;
  createdAt: string;
  version?: number;
}

export interface UserProfile {
  id: string;
  nickname: string;
  region: string | null;
  regionCode?: string | null;
  regionVerifiedAt?: string | null;
  mannerTemperature: number;
  onSaleCount: number;
  soldCount: number;
  reviewCount?: number;
  /** Review chips received, most frequent first. */
  chips?: ChipCount[];
}

export type Rating = ProductApi['schemas']['Rating'];
export const RATINGS: Rating[] = ['GREAT', 'GOOD', 'BAD'];

/** 거래후기 chips (DESIGN.md §5): positive ones go with GREAT/GOOD, negative ones with BAD. */
export type ReviewChip = ProductApi['schemas']['ReviewChip'];
export const POSITIVE_CHIPS: ReviewChip[] = ['KIND', 'ON_TIME', 'FAST_REPLY', 'GOOD_CONDITION', 'FAIR_PRICE'];
export const NEGATIVE_CHIPS: ReviewChip[] = ['LATE', 'SLOW_REPLY', 'RUDE', 'NOT_AS_DESCRIBED', 'NO_SHOW'];

export type ChipCount = ProductApi['schemas']['ChipCount'];

export interface Review {
  id: number;
  productId: number;
  reviewerId: string;
  revieweeId: string;
  rating: Rating;
  comment?: string | null;
  chips: ReviewChip[];
  createdAt: string;
}

export interface ReviewInput {
  rating: Rating;
  comment?: string;
  chips: ReviewChip[];
}

/** A review on the reviewee's profile (GET /api/users/{id}/reviews). */
export interface ReceivedReview {
  id: number;
  rating: Rating;
  comment?: string | null;
  chips: ReviewChip[];
  reviewer: { id: string; nickname: string };
  reviewerRole: 'BUYER' | 'SELLER';
  product: { id: number; title: string };
  createdAt: string;
}

/** GET /api/products/{id}/reviews/mine: the chat room's review banner shows while canReview. */
export interface MyReview {
  party: boolean;
  canReview: boolean;
  review?: Review | null;
}

/** A user I blocked (차단). */
export type Block = ProductApi['schemas']['BlockView'];

export interface UserRef {
  id: string;
  nickname?: string;
}

export type MessageType = 'TEXT' | 'APPOINTMENT' | 'OFFER' | 'SYSTEM' | 'PHOTO';

/**
 * One photo of a PHOTO message, in upload order. `url`/`thumbnailUrl` are `/api/chat/photos/{key}`: only the room's
 * two parties can fetch them, with their bearer token (so never as a plain `<img src>`).
 */
export type ChatPhoto = ChatApi['schemas']['PhotoView'];

/** At most this many photos in one chat message; each at most MAX_CHAT_PHOTO_BYTES (the server refuses more). */
export const MAX_CHAT_PHOTOS = 10;
export const MAX_CHAT_PHOTO_BYTES = 10 * 1024 * 1024;
export const CHAT_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export type OfferStatus = ChatApi['schemas']['OfferStatus'];

/**
 * 가격 제안. On an OFFER message its current state (offerId = that message's id); on the SYSTEM message recording a
 * change, the state that change made (offerId = the OFFER it is about).
 */
export type Offer = ChatApi['schemas']['OfferView'];

export type OfferAction = 'accept' | 'decline' | 'withdraw';

export interface Appointment {
  at: string;
  place?: string;
  [key: string]: unknown;
}

export interface ChatMessage {
  id: number;
  roomId: number;
  senderId: string;
  type: MessageType;
  content: string;
  appointment?: Appointment | null;
  offer?: Offer | null;
  /** Only on PHOTO messages; `content` is then the optional caption. */
  photos?: ChatPhoto[] | null;
  clientMsgId?: string | null;
  sentAt: string;
}

export interface ChatRoom {
  id: number;
  product: { id: number; title: string; price: number; status: ProductStatus; thumbnailUrl?: string | null };
  seller: UserRef;
  buyer: UserRef;
  lastMessage?: ChatMessage | null;
  unreadCount: number;
  updatedAt: string;
  /** one party deleted their account (탈퇴): readable, nothing more can be sent; they are named 탈퇴한 사용자 */
  closed: boolean;
  /** One of the two blocked the other: the room is read-only. */
  blocked?: boolean;
}

export interface NotificationItem {
  id: number;
  type: string;
  title: string;
  body: string;
  data?: Record<string, unknown> | null;
  read: boolean;
  createdAt: string;
}

export interface NotificationPage extends Page<NotificationItem> {
  unreadCount?: number;
}

export interface NotificationSettings {
  chat: boolean;
  activity: boolean;
  keywords: boolean;
  marketing: boolean;
  marketingNight: boolean;
  version?: number;
}

export type NoticeType = 'NOTICE' | 'AD';
export type NoticeStatus = 'SCHEDULED' | 'SENDING' | 'SENT' | 'FAILED' | 'CANCELLED';

export interface Notice {
  id: number;
  type: NoticeType;
  title: string;
  body: string;
  link?: string | null;
  scheduledAt?: string | null;
  status?: NoticeStatus;
  createdAt?: string;
  sentAt?: string | null;
  stats?: { targeted: number; sent: number; failed: number };
  targeted?: number;
  sent?: number;
  failed?: number;
}

export interface NoticeInput {
  type: NoticeType;
  title: string;
  body: string;
  link?: string;
  scheduledAt?: string;
}

export interface Keyword {
  id: number;
  keyword: string;
  createdAt: string;
}

// moderation (DESIGN.md §5 "Reports and moderation")
export type ReportTargetType = 'LISTING' | 'USER' | 'COMMENT' | 'MESSAGE';
export type ReportReason = 'PROHIBITED_ITEM' | 'FRAUD' | 'ABUSE' | 'SPAM' | 'OTHER';
export const REPORT_REASONS: ReportReason[] = ['PROHIBITED_ITEM', 'FRAUD', 'ABUSE', 'SPAM', 'OTHER'];
export type ReportStatus = 'OPEN' | 'RESOLVED' | 'DISMISSED';
export type ModerationActionType = 'HIDE_LISTING' | 'DELETE_COMMENT' | 'SUSPEND_USER' | 'DISMISS';

/** POST /api/reports; targetId is a string for every type (a decimal id, or a user's id). */
export interface ReportInput {
  targetType: ReportTargetType;
  targetId: string;
  reason: ReportReason;
  text?: string;
}

export interface Report {
  id: number;
  targetType: ReportTargetType;
  targetId: string;
  reason: ReportReason;
  text: string | null;
  status: ReportStatus;
  createdAt: string;
}

export interface AdminReport {
  id: number;
  targetType: ReportTargetType;
  targetId: string;
  targetSummary: string;
  targetOwner: UserRef;
  reporter: UserRef;
  reason: ReportReason;
  text: string | null;
  status: ReportStatus;
  reportsOnTarget: number;
  createdAt: string;
  resolvedAt: string | null;
}

export interface ModerationEntry {
  id: number;
  admin: UserRef;
  action: ModerationActionType;
  targetType: ReportTargetType;
  targetId: string;
  reportId: number | null;
  note: string | null;
  createdAt: string;
}

export interface ProhibitedWord {
  id: number;
  word: string;
  createdAt: string;
}

/** The actions that fit a report's target type (others are 422). */
export function actionsFor(type: ReportTargetType): ModerationActionType[] {
  switch (type) {
    case 'LISTING':
      return ['HIDE_LISTING', 'DISMISS'];
    case 'COMMENT':
      return ['DELETE_COMMENT', 'DISMISS'];
    case 'USER':
    case 'MESSAGE':
      return ['SUSPEND_USER', 'DISMISS'];
  }
}
