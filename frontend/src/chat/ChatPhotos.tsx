// Photos in chat (issue #17 §5). A chat photo is served only to the room's two parties, with their bearer token,
// so an <img src="/api/chat/photos/…"> cannot load it: each one is fetched with the token, shown from an object URL
// and that URL is revoked when the image leaves the screen.
import { useCallback, useEffect, useRef, useState } from 'react';
import { requestBlob } from '../api/client';
import { CHAT_PHOTO_TYPES, type ChatPhoto, MAX_CHAT_PHOTO_BYTES, MAX_CHAT_PHOTOS } from '../api/types';
import { type Translate, useI18n } from '../i18n';

/** Why a choice of photos cannot be sent (the server would refuse it), or null when it can. */
export function chatPhotosProblem(files: File[], t: Translate): string | null {
  if (files.length > MAX_CHAT_PHOTOS) return t('chat.photoTooMany');
  for (const f of files) {
    // some pickers give no type at all: the server decides by content then (it sniffs every file anyway)
    if (f.type !== '' && !CHAT_PHOTO_TYPES.includes(f.type)) return t('chat.photoType', { name: f.name });
    if (f.size > MAX_CHAT_PHOTO_BYTES) return t('chat.photoTooBig', { name: f.name });
  }
  return null;
}

interface BlobState {
  path: string;
  src?: string;
  error?: unknown;
}

/**
 * The object URL of an image fetched with the bearer token; revoked when the path changes or the caller unmounts.
 * Only an image type the API serves becomes a URL: a blob: URL has this page's origin, so anything else (an HTML
 * error page from a proxy, say) must never be opened from one.
 */
export function useAuthorizedImage(path: string): { src?: string; error?: unknown; retry: () => void } {
  const [state, setState] = useState<BlobState>({ path });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger of a retry
  useEffect(() => {
    const ctl = new AbortController();
    let url: string | undefined;
    setState({ path });
    requestBlob(path, ctl.signal).then(
      (blob) => {
        if (ctl.signal.aborted) return;
        const type = blob.type.split(';')[0].trim().toLowerCase();
        if (!CHAT_PHOTO_TYPES.includes(type)) {
          setState({ path, error: new Error(`not an image: ${type || 'no type'}`) });
          return;
        }
        url = URL.createObjectURL(blob);
        setState({ path, src: url });
      },
      (e: unknown) => {
        if (!ctl.signal.aborted) setState({ path, error: e });
      },
    );
    return () => {
      ctl.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [path, attempt]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  // a state left from the previous path is never shown for the new one
  return state.path === path ? { src: state.src, error: state.error, retry } : { retry };
}

/** An image that needs the bearer token: a sized placeholder while it loads, a short note when it cannot. */
export function AuthorizedImage({
  path,
  alt,
  width,
  height,
  className,
}: {
  path: string;
  alt: string;
  width?: number;
  height?: number;
  className?: string;
}) {
  const { t } = useI18n();
  const { src, error } = useAuthorizedImage(path);
  const [broken, setBroken] = useState<string | null>(null);
  const ratio = width && height ? `${width} / ${height}` : undefined;
  if (error || (src && broken === src)) {
    return (
      <span
        className={`photo-placeholder failed ${className ?? ''}`}
        role="img"
        aria-label={`${alt}: ${t('chat.photoFailed')}`}
        style={{ aspectRatio: ratio }}
      >
        {t('chat.photoFailed')}
      </span>
    );
  }
  if (!src) {
    return (
      <span
        className={`photo-placeholder ${className ?? ''}`}
        role="img"
        aria-label={alt}
        aria-busy="true"
        style={{ aspectRatio: ratio }}
      >
        <span className="sr-only">{t('chat.photoLoading')}</span>
      </span>
    );
  }
  return (
    <img
      className={className}
      src={src}
      alt={alt}
      width={width}
      height={height}
      style={{ aspectRatio: ratio }}
      onError={() => setBroken(src)}
    />
  );
}

/** The photos of a PHOTO message as a grid of thumbnails; a click opens one full size. */
export function PhotoGrid({ photos, onOpen }: { photos: ChatPhoto[]; onOpen: (index: number) => void }) {
  const { t } = useI18n();
  return (
    <div className={`photo-grid photo-grid-${Math.min(photos.length, 3)}`}>
      {photos.map((p, i) => (
        <button
          key={p.thumbnailUrl}
          type="button"
          className="photo-thumb"
          aria-label={t('chat.photoOpen', { n: i + 1, total: photos.length })}
          onClick={() => onOpen(i)}
        >
          <AuthorizedImage
            path={p.thumbnailUrl}
            alt={t('chat.photoAlt', { n: i + 1 })}
            width={p.width}
            height={p.height}
          />
        </button>
      ))}
    </div>
  );
}

/** One photo full size in a dialog, with previous/next through the message's photos; Escape closes it. */
export function PhotoViewer({
  photos,
  index,
  onIndex,
  onClose,
}: {
  photos: ChatPhoto[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const close = useRef<HTMLButtonElement>(null);
  const p = photos[index];
  useEffect(() => {
    close.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      else if (e.key === 'ArrowLeft' && index > 0) onIndex(index - 1);
      else if (e.key === 'ArrowRight' && index < photos.length - 1) onIndex(index + 1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [index, photos.length, onClose, onIndex]);
  if (!p) return null;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop closes, as Escape and the close button do
    // biome-ignore lint/a11y/useKeyWithClickEvents: Escape closes it (the listener above)
    <div className="dialog-backdrop photo-viewer-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="photo-viewer" role="dialog" aria-modal="true" aria-label={t('chat.photoViewer')}>
        <div className="photo-viewer-bar">
          <span>
            {index + 1} / {photos.length}
          </span>
          <button ref={close} type="button" className="btn btn-small btn-ghost" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
        <AuthorizedImage
          key={p.url}
          path={p.url}
          alt={t('chat.photoAlt', { n: index + 1 })}
          width={p.width}
          height={p.height}
          className="photo-full"
        />
        {photos.length > 1 && (
          <div className="photo-viewer-nav">
            <button
              type="button"
              className="btn btn-small btn-ghost"
              disabled={index === 0}
              onClick={() => onIndex(index - 1)}
            >
              {t('chat.photoPrev')}
            </button>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              disabled={index === photos.length - 1}
              onClick={() => onIndex(index + 1)}
            >
              {t('chat.photoNext')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** Previews of photos still on their way (local files), revoked when the bubble goes. */
export function LocalPreviews({ files }: { files: File[] }) {
  const { t } = useI18n();
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const made = files.map((f) => URL.createObjectURL(f));
    setUrls(made);
    return () => {
      for (const u of made) URL.revokeObjectURL(u);
    };
  }, [files]);
  return (
    <div className={`photo-grid photo-grid-${Math.min(files.length, 3)}`}>
      {urls.map((u, i) => (
        <img key={u} src={u} alt={t('chat.photoAlt', { n: i + 1 })} className="photo-local" />
      ))}
    </div>
  );
}
