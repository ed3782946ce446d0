export interface SessionUser {
  id: string;
  username: string;
  name?: string;
  email?: string;
  roles: string[];
}

/** Decodes a JWT payload (no verification: the API verifies; the UI only reads claims). */
export function decodeJwt(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  try {
    const b64 = part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bin = atob(b64);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function sessionUserFromToken(accessToken: string): SessionUser {
  const c = decodeJwt(accessToken);
  const realm = c.realm_access as { roles?: unknown } | undefined;
  const roles = Array.isArray(realm?.roles)
    ? (realm!.roles as unknown[]).filter((r): r is string => typeof r === 'string')
    : [];
  return {
    id: String(c.sub ?? ''),
    username: String(c.preferred_username ?? c.sub ?? ''),
    name: typeof c.name === 'string' ? c.name : undefined,
    email: typeof c.email === 'string' ? c.email : undefined,
    roles,
  };
}
