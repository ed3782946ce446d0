import { createContext, useContext } from 'react';
import type { SessionUser } from './token';

export interface AuthValue {
  /** false until the startup silent sign-in has finished */
  ready: boolean;
  user: SessionUser | null;
  accessToken: string | null;
  login: (returnTo?: string) => Promise<void>;
  signup: (returnTo?: string) => Promise<void>;
  logout: () => Promise<void>;
  /**
   * Forgets the session in this browser without asking Keycloak (after 탈퇴 there is no account to sign out of)
   * and reloads the app at its home page.
   */
  forget: () => Promise<void>;
}

export const AuthContext = createContext<AuthValue | null>(null);

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

export function hasRole(user: SessionUser | null, role: string): boolean {
  return !!user && user.roles.includes(role);
}
