import { useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, nextPageParam } from '../api/client';
import { cancelNotice, createNotice, listAdminNotices } from '../api/endpoints';
import type { Notice, NoticeType } from '../api/types';
import { LoadMore } from '../components/InfiniteList';
import { Empty, ErrorState, InlineError, Loading } from '../components/Status';
import { useI18n } from '../i18n';
import { keys } from '../lib/queries';
import { LogTab, ReportsTab, WordsTab } from './AdminModeration';
import { formatDateTime } from '../lib/format';

export function noticeStats(n: Notice): { targeted: number; sent: number; failed: number } {
  return {
    targeted: n.stats?.targeted ?? n.targeted ?? 0,
    sent: n.stats?.sent ?? n.sent ?? 0,
    failed: n.stats?.failed ?? n.failed ?? 0,
  };
}

type AdminTab = 'moderation' | 'words' | 'log' | 'notices';
const ADMIN_TABS: AdminTab[] = ['moderation', 'words', 'log', 'notices'];

export default function AdminPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<AdminTab>('moderation');
  return (
    <section className="page" aria-labelledby="admin-title">
      <h1 id="admin-title">{t('admin.title')}</h1>
      <div className="tabs" role="tablist">
        {ADMIN_TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`admin-tab-${k}`}
            aria-selected={tab === k}
            aria-controls="admin-panel"
            className={tab === k ? 'tab tab-on' : 'tab'}
            onClick={() => setTab(k)}
          >
            {t(`admin.tab.${k}`)}
          </button>
        ))}
      </div>
      <div id="admin-panel" role="tabpanel" aria-labelledby={`admin-tab-${tab}`}>
        {tab === 'moderation' && <ReportsTab />}
        {tab === 'words' && <WordsTab />}
        {tab === 'log' && <LogTab />}
        {tab === 'notices' && <NoticesTab />}
      </div>
    </section>
  );
}

function NoticesTab() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [type, setType] = useState<NoticeType>('NOTICE');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [link, setLink] = useState('');
  const [scheduledAt, setScheduledAt] = useState('');
  const [done, setDone] = useState('');
  const list = useInfiniteQuery({
    queryKey: keys.adminNotices,
    queryFn: ({ pageParam }) => listAdminNotices(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageParam,
    refetchInterval: 5000,
  });
  const send = useMutation({
    mutationFn: () =>
      createNotice({
        type,
        title: title.trim(),
        body: body.trim(),
        ...(link.trim() ? { link: link.trim() } : {}),
        ...(scheduledAt ? { scheduledAt: new Date(scheduledAt).toISOString() } : {}),
      }),
    onSuccess: () => {
      setDone(t('admin.sent'));
      setTitle('');
      setBody('');
      setLink('');
      setScheduledAt('');
      void qc.invalidateQueries({ queryKey: keys.adminNotices });
    },
  });
  const cancel = useMutation({
    mutationFn: cancelNotice,
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.adminNotices }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    if (title.trim() && body.trim()) send.mutate();
  };
  const fieldErr = (f: string) => (send.error instanceof ApiError ? send.error.fieldError(f) : undefined);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <form className="form" onSubmit={onSubmit} aria-labelledby="compose-title">
        <h2 id="compose-title">{t('admin.compose')}</h2>
        <fieldset className="radio-row">
          <legend>{t('admin.type')}</legend>
          {(['NOTICE', 'AD'] as const).map((k) => (
            <label key={k} className="check">
              <input type="radio" name="type" value={k} checked={type === k} onChange={() => setType(k)} />
              {t(`admin.${k}`)}
            </label>
          ))}
        </fieldset>
        {type === 'AD' && <p className="hint">{t('admin.adHint')}</p>}
        <label>
          {t('admin.noticeTitle')}
          <input
            required
            maxLength={100}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={!!fieldErr('title')}
          />
        </label>
        <label>
          {t('admin.body')}
          <textarea required rows={4} maxLength={2000} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        <label>
          {t('admin.link')}
          <input value={link} placeholder="https://… or /products/1" onChange={(e) => setLink(e.target.value)} />
        </label>
        <label>
          {t('admin.schedule')}
          <input type="datetime-local" value={scheduledAt} onChange={(e) => setScheduledAt(e.target.value)} />
        </label>
        <button type="submit" className="btn" disabled={send.isPending || !title.trim() || !body.trim()}>
          {t('admin.send')}
        </button>
        <span role="status" className="note">
          {done}
        </span>
        <InlineError error={send.error} />
      </form>

      <h2>{t('admin.list')}</h2>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{t('admin.empty')}</Empty>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.type')}</th>
                <th scope="col">{t('admin.noticeTitle')}</th>
                <th scope="col">Status</th>
                <th scope="col">Stats</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.cancel')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((n) => {
                const s = noticeStats(n);
                return (
                  <tr key={n.id}>
                    <td>{t(`admin.${n.type}`)}</td>
                    <td>
                      {n.title}
                      {n.scheduledAt && (
                        <div className="muted small">
                          <time dateTime={n.scheduledAt}>{formatDateTime(n.scheduledAt)}</time>
                        </div>
                      )}
                    </td>
                    <td>{n.status ? t(`admin.status.${n.status}`) : ''}</td>
                    <td className="small">{t('admin.stats', { t: s.targeted, s: s.sent, f: s.failed })}</td>
                    <td>
                      {n.status === 'SCHEDULED' && (
                        <button
                          type="button"
                          className="btn btn-danger btn-small"
                          disabled={cancel.isPending}
                          onClick={() => cancel.mutate(n.id)}
                        >
                          {t('admin.cancel')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <LoadMore
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={() => void list.fetchNextPage()}
          />
        </>
      )}
      <InlineError error={cancel.error} />
    </>
  );
}
