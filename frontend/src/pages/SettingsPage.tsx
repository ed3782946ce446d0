import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addKeyword,
  deleteAccount,
  deleteKeyword,
  getNotificationSettings,
  listBlocks,
  listKeywords,
  putNotificationSettings,
  unblockUser,
} from '../api/endpoints';
import type { NotificationSettings } from '../api/types';
import { useAuth } from '../auth/AuthContext';
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
      <DeleteAccount />
    </section>
  );
}

/**
 * 탈퇴: a confirmation where the user types the word 탈퇴, then DELETE /api/me; on success the session is
 * forgotten in this browser (the Keycloak account no longer exists) and the app reloads at its home page.
 */
export function DeleteAccount() {
  const { t } = useI18n();
  const auth = useAuth();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const remove = useMutation({
    mutationFn: deleteAccount,
    onSuccess: async () => {
      qc.clear();
      await auth.forget();
    },
  });
  const confirmed = typed.trim() === t('account.confirmWord');
  return (
    <section aria-labelledby="account-title" className="danger-zone">
      <h2 id="account-title">{t('account.title')}</h2>
      {!open ? (
        <button type="button" className="btn btn-ghost" onClick={() => setOpen(true)}>
          {t('account.delete')}
        </button>
      ) : (
        <div role="dialog" aria-modal="false" aria-labelledby="account-title" aria-describedby="account-explain">
          <p id="account-explain" className="hint">
            {t('account.explain')}
          </p>
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              if (confirmed && !remove.isPending) remove.mutate();
            }}
          >
            <label htmlFor="account-confirm">{t('account.confirmLabel')}</label>
            <input id="account-confirm" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
            <div className="actions">
              <button type="submit" className="btn btn-danger" disabled={!confirmed || remove.isPending}>
                {remove.isPending ? t('account.deleting') : t('account.confirm')}
              </button>
              <button
                type="button"
                className="btn btn-ghost"
                disabled={remove.isPending}
                onClick={() => {
                  setOpen(false);
                  setTyped('');
                }}
              >
                {t('account.cancel')}
              </button>
            </div>
          </form>
          <InlineError error={remove.error} />
        </div>
      )}
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
