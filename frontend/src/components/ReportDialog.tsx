import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { fileReport } from '../api/endpoints';
import { REPORT_REASONS, type ReportReason, type ReportTargetType } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { InlineError } from './Status';

/**
 * 신고하기: a small link that opens a dialog with the reason list and optional details (required for 기타).
 * Anonymous visitors are sent to the login first.
 */
export function ReportButton({
  targetType,
  targetId,
  className,
}: {
  targetType: ReportTargetType;
  targetId: string | number;
  className?: string;
}) {
  const { t } = useI18n();
  const { user, login } = useAuth();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className ?? 'link-button small'}
        onClick={() => (user ? setOpen(true) : void login())}
        aria-label={`${t('report.action')}: ${t(`report.target.${targetType}`)}`}
      >
        {t('report.action')}
      </button>
      {open && <ReportDialog targetType={targetType} targetId={String(targetId)} onClose={() => setOpen(false)} />}
    </>
  );
}

export function ReportDialog({
  targetType,
  targetId,
  onClose,
}: {
  targetType: ReportTargetType;
  targetId: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () =>
      fileReport({
        targetType,
        targetId,
        reason: reason as ReportReason,
        ...(text.trim() ? { text: text.trim() } : {}),
      }),
  });
  const needsText = reason === 'OTHER';
  const ready = reason !== null && (!needsText || text.trim().length > 0);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (ready) send.mutate();
  };
  const titleId = `report-title-${targetType}-${targetId}`;
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>
          {t('report.title')} · {t(`report.target.${targetType}`)}
        </h2>
        {send.isSuccess ? (
          <>
            <p role="status">{t('report.sent')}</p>
            <button type="button" className="btn" onClick={onClose}>
              {t('common.close')}
            </button>
          </>
        ) : (
          <form className="form" onSubmit={onSubmit}>
            <fieldset>
              <legend>{t('report.reason')}</legend>
              {REPORT_REASONS.map((r) => (
                <label key={r} className="check">
                  <input
                    type="radio"
                    name={`reason-${titleId}`}
                    value={r}
                    checked={reason === r}
                    onChange={() => setReason(r)}
                  />
                  {t(`report.reason.${r}`)}
                </label>
              ))}
            </fieldset>
            <label>
              {needsText ? t('report.textRequired') : t('report.text')}
              <textarea
                rows={3}
                maxLength={1000}
                required={needsText}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </label>
            <div className="manage-row">
              <button type="submit" className="btn btn-danger" disabled={!ready || send.isPending}>
                {t('report.submit')}
              </button>
              <button type="button" className="btn btn-ghost" onClick={onClose}>
                {t('common.cancel')}
              </button>
            </div>
            <InlineError error={send.error} />
          </form>
        )}
      </div>
    </div>
  );
}
