import { useQuery } from '@tanstack/react-query';
import * as api from '../api/endpoints';
import { useAuth } from '../auth/AuthContext';

export const keys = {
  categories: ['categories'] as const,
  products: (q: object) => ['products', q] as const,
  product: (id: number) => ['product', id] as const,
  comments: (id: number) => ['comments', id] as const,
  me: ['me'] as const,
  user: (id: string) => ['user', id] as const,
  userReviews: (id: string) => ['userReviews', id] as const,
  myReview: (productId: number) => ['myReview', productId] as const,
  blocks: ['blocks'] as const,
  block: (userId: string) => ['block', userId] as const,
  myProducts: (status?: string) => ['myProducts', status ?? 'all'] as const,
  myLikes: ['myLikes'] as const,
  myPurchases: ['myPurchases'] as const,
  rooms: ['rooms'] as const,
  room: (id: number) => ['room', id] as const,
  notifications: ['notifications'] as const,
  unread: ['unread'] as const,
  settings: ['notificationSettings'] as const,
  adminNotices: ['adminNotices'] as const,
  notices: ['notices'] as const,
  adminReports: (status: string) => ['adminReports', status] as const,
  moderationLog: ['moderationLog'] as const,
  prohibitedWords: ['prohibitedWords'] as const,
};

export function useCategories() {
  return useQuery({ queryKey: keys.categories, queryFn: api.getCategories, staleTime: 60 * 60 * 1000 });
}

export function useMe() {
  const { user } = useAuth();
  return useQuery({ queryKey: [...keys.me, user?.id], queryFn: api.getMe, enabled: !!user, staleTime: 60 * 1000 });
}
