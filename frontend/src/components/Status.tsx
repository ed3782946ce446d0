import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { useI18n } from '../i18n';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label ?? t('common.loading')}
    </p>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{t('common.error')}</strong>
      </p>
      <p>{errorMessage(error)}</p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="inline-error" role="alert">
      {errorMessage(error)}
    </p>
  );
}

export function Forbidden() {
  const { t } = useI18n();
  return (
    <section className="page state-page" aria-labelledby="forbidden-title">
      <p className="big-code" aria-hidden="true">
        403
      </p>
      <h1 id="forbidden-title">{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      <Link className="btn" to="/">
        {t('home.link')}
      </Link>
    </section>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <section className="page state-page" aria-labelledby="nf-title">
      <p className="big-code" aria-hidden="true">
        404
      </p>
      <h1 id="nf-title">{t('notFound.title')}</h1>
      <Link className="btn" to="/">
        {t('home.link')}
      </Link>
    </section>
  );
}
