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
  region: string;
}

export type ProductSort = 'latest' | 'price_asc' | 'price_desc' | 'popular';

export interface ProductQuery {
  q?: string;
  category?: string;
  region?: string;
  status?: ProductStatus;
  minPrice?: number;
  maxPrice?: number;
  sellerId?: string;
  sort?: ProductSort;
  size?: number;
}

export type Comment = ProductApi['schemas']['CommentView'];

export interface Me {
  id: string;
  nickname: string;
  region: string | null;
  mannerTemperature: number;
  createdAt: string;
  version?: number;
}

export interface UserProfile {
  id: string;
  nickname: string;
  region: string | null;
  mannerTemperature: number;
  onSaleCount: number;
  soldCount: number;
}

export interface UserRef {
  id: string;
  nickname?: string;
}

export type MessageType = 'TEXT' | 'APPOINTMENT' | 'OFFER' | 'SYSTEM';

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
