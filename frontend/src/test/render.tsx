import type { ReactElement, ReactNode } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import { AuthContext, type AuthValue } from '../auth/AuthContext';
import type { SessionUser } from '../auth/token';
import { I18nProvider, type Lang } from '../i18n';
import { vi } from 'vitest';

export function fakeAuth(user: Partial<SessionUser> | null, extra: Partial<AuthValue> = {}): AuthValue {
  return {
    ready: true,
    user: user ? { id: 'u1', username: 'alice', roles: ['user'], ...user } : null,
    accessToken: user ? 'token' : null,
    login: vi.fn(async () => {}),
    signup: vi.fn(async () => {}),
    logout: vi.fn(async () => {}),
    forget: vi.fn(async () => {}),
    ...extra,
  };
}

export function renderWith(
  ui: ReactElement,
  { auth = fakeAuth(null), path = '/', lang = 'ko' as Lang }: { auth?: AuthValue; path?: string; lang?: Lang } = {},
) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // biome-ignore lint/correctness/noComponentHookFactories: one Wrapper per render call, bound to that call's QueryClient and auth
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <I18nProvider lang={lang}>
      <QueryClientProvider client={qc}>
        <AuthContext.Provider value={auth}>
          <MemoryRouter initialEntries={[path]}>{children}</MemoryRouter>
        </AuthContext.Provider>
      </QueryClientProvider>
    </I18nProvider>
  );
  return { ...render(ui, { wrapper: Wrapper }), qc };
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}
