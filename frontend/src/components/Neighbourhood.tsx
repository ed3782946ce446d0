import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateMe, verifyRegion } from '../api/endpoints';
import { RANGE_STEPS, type Me, type RangeStep, type Region } from '../api/types';
import { useI18n } from '../i18n';
import { currentPosition, geolocationErrorKey } from '../lib/geolocation';
import { keys } from '../lib/queries';
import { RegionPicker } from './RegionPicker';
import { InlineError } from './Status';
import { formatDate } from '../lib/format';

/** The 동네 인증 badge: verified (with its date) or not. */
export function VerifiedBadge({ at }: { at: string | null | undefined }) {
  const { t } = useI18n();
  return at ? (
    <span className="badge badge-verified" title={formatDate(at)}>
      ✓ {t('region.verified')}
    </span>
  ) : (
    <span className="badge badge-unverified">{t('region.notVerified')}</span>
  );
}

/** 내 동네: choose it, verify being there (동네 인증), and how far the feed reaches (range). */
export function NeighbourhoodSettings({ me }: { me: Me }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [changing, setChanging] = useState(!me.regionCode);
  const done = () => {
    void qc.invalidateQueries({ queryKey: keys.me });
    void qc.invalidateQueries({ queryKey: ['products'] });
  };
  const choose = useMutation({
    mutationFn: (r: Region) => updateMe({ nickname: me.nickname, regionCode: r.code }, me.version),
    onSuccess: () => {
      setChanging(false);
      done();
    },
  });
  const range = useMutation({
    mutationFn: (step: RangeStep) => updateMe({ nickname: me.nickname, range: step }, me.version),
    onSuccess: done,
  });
  const verify = useMutation({
    mutationFn: async () => verifyRegion(await currentPosition()),
    onSuccess: done,
  });
  const geoKey = geolocationErrorKey(verify.error);
  return (
    <section className="neighbourhood" aria-labelledby="hood-title">
      <h2 id="hood-title">{t('my.region')}</h2>
      {me.regionCode ? (
        <p>
          <strong>{me.region}</strong> <VerifiedBadge at={me.regionVerifiedAt} />{' '}
          <button type="button" className="link-button" onClick={() => setChanging((c) => !c)}>
            {t('region.change')}
          </button>
        </p>
      ) : (
        <p className="hint">{t('feed.setRegion')}</p>
      )}
      {changing && <RegionPicker onPick={(r) => choose.mutate(r)} busy={choose.isPending} />}
      <InlineError error={choose.error} />
      {me.regionCode && !me.regionVerifiedAt && (
        <>
          <p className="muted small">{t('region.verifyWhy')}</p>
          <button type="button" className="btn" onClick={() => verify.mutate()} disabled={verify.isPending}>
            {verify.isPending ? t('region.locating') : t('region.verify')}
          </button>
        </>
      )}
      {verify.isSuccess && (
        <p role="status" className="note">
          {t('region.verifiedNow', { region: me.region ?? '' })}
        </p>
      )}
      {geoKey ? (
        <p className="inline-error" role="alert">
          {t(geoKey)}
        </p>
      ) : (
        <InlineError error={verify.error} />
      )}
      {me.regionCode && (
        <fieldset className="range-steps">
          <legend>{t('region.range')}</legend>
          {RANGE_STEPS.map((step) => (
            <label key={step} className="radio">
              <input
                type="radio"
                name="range"
                checked={me.range === step}
                disabled={range.isPending}
                onChange={() => range.mutate(step)}
              />
              {t(`range.${step}`)}
            </label>
          ))}
          <InlineError error={range.error} />
        </fieldset>
      )}
    </section>
  );
}
