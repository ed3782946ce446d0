import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addKeyword,
  deleteKeyword,
  getNotificationSettings,
  listBlocks,
  listKeywords,
  putNotificationSettings,
  unblockUser,
} from '../api/endpoints';
import type { NotificationSettings } from '../api/types';
import { Empty, ErrorState, InlineError, Loading } from '../components/Status';
import { LanguageSwitch, useI18n } from '../i18n';
import { keys } from '../lib/queries';

const FIELDS = ['chat', 'activity', 'keywords', 'marketing', 'marketingNight'] as const;

export default function SettingsPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: keys.settings, queryFn: getNotificationSettings });
  // The switch moves at once; the server's answer (or its refusal) settles it.
  const [draft, setDraft] = useState<NotificationSettings | null>(null);
  const save = useMutation({
    mutationFn: putNotificationSettings,
    onSuccess: (s) => {
      qc.setQueryData(keys.settings, s);
      setDraft(null);
    },
    onError: () => {
      setDraft(null);
      void qc.invalidateQueries({ queryKey: keys.settings });
    },
  });
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const s = draft ?? settings.data;
  const toggle = (k: (typeof FIELDS)[number], v: boolean) => {
    const next: NotificationSettings = { ...s, [k]: v };
    // Night ads need the general consent first.
    if (k === 'marketing' && !v) next.marketingNight = false;
    setDraft(next);
    const { version: _ignored, ...body } = next;
    void _ignored;
    save.mutate(body);
  };
  return (
    <section className="page" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <ul className="switches">
        {FIELDS.map((k) => (
          <li key={k}>
            <label className="switch">
              <span>{t(`settings.${k}`)}</span>
              <input
                type="checkbox"
                role="switch"
                checked={s[k]}
                aria-checked={s[k]}
                disabled={k === 'marketingNight' && !s.marketing}
                onChange={(e) => toggle(k, e.target.checked)}
              />
            </label>
          </li>
        ))}
      </ul>
      <p role="status" className="note">
        {save.isSuccess && !draft ? t('common.saved') : ''}
      </p>
      <InlineError error={save.error} />
      <Keywords />
      <BlockedUsers />
      <h2>{t('settings.language')}</h2>
      <LanguageSwitch className="btn btn-ghost" />
    </section>
  );
}

function Keywords() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const list = useQuery({ queryKey: ['keywords'], queryFn: listKeywords });
  const add = useMutation({
    mutationFn: addKeyword,
    onSuccess: () => {
      setText('');
      void qc.invalidateQueries({ queryKey: ['keywords'] });
    },
  });
  const remove = useMutation({
    mutationFn: deleteKeyword,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['keywords'] }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) add.mutate(text.trim());
  };
  return (
    <section aria-labelledby="kw-title">
      <h2 id="kw-title">{t('keywords.title')}</h2>
      <p className="hint">{t('keywords.hint')}</p>
      <form className="comment-form" onSubmit={onSubmit}>
        <label htmlFor="kw-input" className="sr-only">
          {t('keywords.label')}
        </label>
        <input
          id="kw-input"
          value={text}
          maxLength={30}
          placeholder={t('keywords.label')}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="btn btn-small" disabled={add.isPending || !text.trim()}>
          {t('keywords.add')}
        </button>
      </form>
      <InlineError error={add.error ?? remove.error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty>{t('keywords.empty')}</Empty>
      ) : (
        <ul className="chips keyword-chips">
          {list.data.map((k) => (
            <li key={k.id} className="chip">
              {k.keyword}{' '}
              <button
                type="button"
                className="chip-x"
                aria-label={t('keywords.remove', { k: k.keyword })}
                onClick={() => remove.mutate(k.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** 차단한 사용자: the users I blocked, each with an unblock button (GET/DELETE /api/me/blocks). */
export function BlockedUsers() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: keys.blocks, queryFn: () => listBlocks() });
  const unblock = useMutation({
    mutationFn: unblockUser,
    onSuccess: (_v, userId) => {
      void qc.invalidateQueries({ queryKey: keys.blocks });
      void qc.invalidateQueries({ queryKey: keys.block(userId) });
      void qc.invalidateQueries({ queryKey: ['products'] });
    },
  });
  return (
    <section aria-labelledby="blocks-title">
      <h2 id="blocks-title">{t('blocks.title')}</h2>
      <InlineError error={unblock.error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>{t('blocks.empty')}</Empty>
      ) : (
        <ul className="blocked-users">
          {list.data.items.map((b) => (
            <li key={b.userId}>
              <span>{b.nickname}</span>{' '}
              <button
                type="button"
                className="btn btn-small btn-ghost"
                disabled={unblock.isPending}
                onClick={() => unblock.mutate(b.userId)}
              >
                {t('user.unblock')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
