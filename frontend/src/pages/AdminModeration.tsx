import { useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { nextPageParam } from '../api/client';
import {
  actOnReport,
  addProhibitedWord,
  deleteProhibitedWord,
  listAdminReports,
  listModerationLog,
  listProhibitedWords,
} from '../api/endpoints';
import { actionsFor, type AdminReport, type ModerationActionType, type ReportStatus } from '../api/types';
import { LoadMore } from '../components/InfiniteList';
import { Empty, ErrorState, InlineError, Loading } from '../components/Status';
import { useI18n } from '../i18n';
import { keys } from '../lib/queries';
import { formatDateTime } from '../lib/format';

const STATUSES: ReportStatus[] = ['OPEN', 'RESOLVED', 'DISMISSED'];

/** Where the admin can look at a report's target. */
function targetLink(r: { targetType: AdminReport['targetType']; targetId: string }): string | null {
  if (r.targetType === 'LISTING') return `/products/${r.targetId}`;
  if (r.targetType === 'USER') return `/users/${encodeURIComponent(r.targetId)}`;
  return null;
}

/** The moderation queue: reports by status, each with the actions its target type allows. */
export function ReportsTab() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [status, setStatus] = useState<ReportStatus>('OPEN');
  const list = useInfiniteQuery({
    queryKey: keys.adminReports(status),
    queryFn: ({ pageParam }) => listAdminReports(status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageParam,
  });
  const act = useMutation({
    mutationFn: (a: { id: number; action: ModerationActionType; note?: string }) => actOnReport(a.id, a.action, a.note),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['adminReports'] });
      void qc.invalidateQueries({ queryKey: keys.moderationLog });
    },
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <fieldset className="radio-row">
        <legend>{t('admin.reports.status')}</legend>
        {STATUSES.map((s) => (
          <label key={s} className="check">
            <input type="radio" name="report-status" checked={status === s} onChange={() => setStatus(s)} />
            {t(`admin.reports.status.${s}`)}
          </label>
        ))}
      </fieldset>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{t('admin.reports.empty')}</Empty>
      ) : (
        <>
          <ul className="comment-list" aria-label={t('admin.tab.moderation')}>
            {items.map((r) => (
              <ReportItem
                key={r.id}
                report={r}
                busy={act.isPending}
                onAct={(action, note) => act.mutate({ id: r.id, action, note })}
              />
            ))}
          </ul>
          <LoadMore
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={() => void list.fetchNextPage()}
          />
        </>
      )}
      <InlineError error={act.error} />
    </>
  );
}

function ReportItem({
  report: r,
  busy,
  onAct,
}: {
  report: AdminReport;
  busy: boolean;
  onAct: (action: ModerationActionType, note?: string) => void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const link = targetLink(r);
  return (
    <li aria-label={`${t(`report.target.${r.targetType}`)}: ${r.targetSummary}`}>
      <p>
        <strong>{t(`report.target.${r.targetType}`)}</strong>{' '}
        {link ? <Link to={link}>{r.targetSummary}</Link> : <q>{r.targetSummary}</q>}{' '}
        <span className="muted small">({r.targetOwner.nickname})</span>
      </p>
      <p className="small">
        {t('admin.reports.reason')}: {t(`report.reason.${r.reason}`)} · {t('admin.reports.reporter')}:{' '}
        {r.reporter.nickname} · {t('admin.reports.count', { n: r.reportsOnTarget })} ·{' '}
        <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
      </p>
      {r.text && <p className="description">{r.text}</p>}
      {r.status === 'OPEN' ? (
        <div className="manage-row">
          <label className="sr-only" htmlFor={`note-${r.id}`}>
            {t('admin.reports.note')}
          </label>
          <input
            id={`note-${r.id}`}
            value={note}
            maxLength={1000}
            placeholder={t('admin.reports.note')}
            onChange={(e) => setNote(e.target.value)}
          />
          {actionsFor(r.targetType).map((a) => (
            <button
              key={a}
              type="button"
              className={a === 'DISMISS' ? 'btn btn-ghost btn-small' : 'btn btn-danger btn-small'}
              disabled={busy}
              onClick={() => onAct(a, note.trim() || undefined)}
            >
              {t(`admin.action.${a}`)}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted small">{t(`admin.reports.status.${r.status}`)}</p>
      )}
    </li>
  );
}

/** The prohibited-word list: listings containing one are refused. */
export function WordsTab() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [word, setWord] = useState('');
  const words = useQuery({ queryKey: keys.prohibitedWords, queryFn: listProhibitedWords });
  const add = useMutation({
    mutationFn: (w: string) => addProhibitedWord(w),
    onSuccess: () => {
      setWord('');
      void qc.invalidateQueries({ queryKey: keys.prohibitedWords });
    },
  });
  const del = useMutation({
    mutationFn: (id: number) => deleteProhibitedWord(id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.prohibitedWords }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (word.trim()) add.mutate(word.trim());
  };
  return (
    <>
      <form className="comment-form" onSubmit={onSubmit}>
        <label htmlFor="word-input" className="sr-only">
          {t('admin.words.label')}
        </label>
        <input
          id="word-input"
          value={word}
          maxLength={50}
          placeholder={t('admin.words.label')}
          onChange={(e) => setWord(e.target.value)}
        />
        <button type="submit" className="btn btn-small" disabled={add.isPending || !word.trim()}>
          {t('admin.words.add')}
        </button>
      </form>
      <InlineError error={add.error ?? del.error} />
      {words.isPending ? (
        <Loading />
      ) : words.isError ? (
        <ErrorState error={words.error} onRetry={() => void words.refetch()} />
      ) : words.data.length === 0 ? (
        <Empty>{t('admin.words.empty')}</Empty>
      ) : (
        <ul className="chips" aria-label={t('admin.tab.words')}>
          {words.data.map((w) => (
            <li key={w.id} className="chip">
              {w.word}{' '}
              <button
                type="button"
                className="link-button small"
                aria-label={`${t('common.delete')}: ${w.word}`}
                disabled={del.isPending}
                onClick={() => del.mutate(w.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Every admin action, newest first. */
export function LogTab() {
  const { t } = useI18n();
  const log = useInfiniteQuery({
    queryKey: keys.moderationLog,
    queryFn: ({ pageParam }) => listModerationLog(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageParam,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  if (log.isPending) return <Loading />;
  if (log.isError) return <ErrorState error={log.error} onRetry={() => void log.refetch()} />;
  if (items.length === 0) return <Empty>{t('admin.log.empty')}</Empty>;
  return (
    <>
      <table className="table">
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>
                <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
              </td>
              <td>{t('admin.log.by', { admin: e.admin.nickname ?? '', action: t(`admin.action.${e.action}`) })}</td>
              <td>
                {t(`report.target.${e.targetType}`)} {e.targetId}
              </td>
              <td className="small">{e.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore
        hasNextPage={log.hasNextPage}
        isFetchingNextPage={log.isFetchingNextPage}
        fetchNextPage={() => void log.fetchNextPage()}
      />
    </>
  );
}
