// The one HTTP client of the SPA: JSON in/out, bearer token, RFC 9457 problem+json turned into ApiError.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfter?: number;

  constructor(problem: Problem, retryAfter?: number) {
    super(problemMessage(problem));
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.message;
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid request',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Changed by someone else — reload and try again',
  412: 'Changed by someone else — reload and try again',
  413: 'Too large',
  415: 'Unsupported file type',
  422: 'Not possible',
  429: 'Too many requests — try again later',
};

/** One readable sentence for a problem: detail, then field errors, falling back to title/status text. */
export function problemMessage(p: Problem): string {
  const head = p.detail || p.title || STATUS_TEXT[p.status] || `HTTP ${p.status}`;
  const fields = (p.errors ?? []).map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  return fields.length ? `${head} (${fields.join(', ')})` : head;
}

/** Builds a Problem from any failed response: problem+json, plain JSON, text or nothing. */
export async function toProblem(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  let text = '';
  try {
    text = await res.text();
  } catch {
    /* body unreadable: fall through to the status line */
  }
  if (text && type.includes('json')) {
    try {
      const body = JSON.parse(text) as Partial<Problem> & { message?: string };
      return {
        type: body.type,
        title: body.title,
        status: typeof body.status === 'number' ? body.status : res.status,
        detail: body.detail ?? body.message,
        errors: Array.isArray(body.errors) ? body.errors : undefined,
      };
    } catch {
      /* not JSON after all */
    }
  }
  const short = text && text.length < 200 && !text.trimStart().startsWith('<') ? text.trim() : undefined;
  return { status: res.status, title: res.statusText || undefined, detail: short };
}

type TokenProvider = () => string | null | undefined;
type UnauthorizedHandler = () => void;

let tokenProvider: TokenProvider = () => null;
let onUnauthorized: UnauthorizedHandler = () => {};

export function setTokenProvider(p: TokenProvider) {
  tokenProvider = p;
}
export function getAccessToken(): string | null {
  return tokenProvider() ?? null;
}
export function setUnauthorizedHandler(h: UnauthorizedHandler) {
  onUnauthorized = h;
}

let identityKnown: Promise<unknown> = Promise.resolve();
/**
 * API calls wait for `until` (the startup sign-in of a browser that is likely signed in), so that they go out once,
 * with the token, instead of anonymously and again after the sign-in.
 */
export function holdRequestsUntil(until: Promise<unknown>) {
  identityKnown = until.catch(() => undefined);
}

export type QueryValue = string | number | boolean | null | undefined;

export function buildQuery(params?: Record<string, QueryValue>): string {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
  status: number;
}

export async function requestFull<T>(path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  await identityKnown;
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  const token = getAccessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(path + buildQuery(opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body,
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({
      status: 0,
      title: 'Network error',
      detail: 'The server cannot be reached. Check your connection.',
    });
  }
  if (!res.ok) {
    const problem = await toProblem(res);
    if (res.status === 401 && token) onUnauthorized();
    const ra = res.headers.get('retry-after');
    throw new ApiError(problem, ra ? Number(ra) : undefined);
  }
  let data: T = undefined as T;
  if (res.status !== 204) {
    const text = await res.text();
    data = (text ? JSON.parse(text) : undefined) as T;
  }
  return { data, headers: res.headers, status: res.status };
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  return (await requestFull<T>(path, opts)).data;
}

/**
 * Fetches bytes that need the bearer token (chat photos: an `<img src>` cannot send it), as a Blob for
 * `URL.createObjectURL`. Failures are ApiErrors like `request`'s.
 */
export async function requestBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  await identityKnown;
  const token = getAccessToken();
  let res: Response;
  try {
    res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({
      status: 0,
      title: 'Network error',
      detail: 'The server cannot be reached. Check your connection.',
    });
  }
  if (!res.ok) {
    const problem = await toProblem(res);
    if (res.status === 401 && token) onUnauthorized();
    throw new ApiError(problem);
  }
  return res.blob();
}

/** For useInfiniteQuery: the cursor of the next page, or undefined when the list ended. */
export function nextPageParam(last: { nextCursor: string | null }): string | undefined {
  return last.nextCursor ?? undefined;
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
