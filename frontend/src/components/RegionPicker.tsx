import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { nearbyRegions, searchRegions } from '../api/endpoints';
import type { Region } from '../api/types';
import { useI18n } from '../i18n';
import { currentPosition, geolocationErrorKey } from '../lib/geolocation';
import { InlineError } from './Status';

/** "서울특별시 강남구 역삼1동" (세종 has no 시군구). */
export const regionName = (r: Pick<Region, 'sido' | 'sigungu' | 'dong'>) =>
  [r.sido, r.sigungu, r.dong].filter(Boolean).join(' ');

/** Find a 동 by name (two syllables are enough) or by the device's position, and pick one. */
export function RegionPicker({ onPick, busy }: { onPick: (r: Region) => void; busy?: boolean }) {
  const { t } = useI18n();
  const [term, setTerm] = useState('');
  const [near, setNear] = useState<Region[] | null>(null);
  const [locating, setLocating] = useState(false);
  const [locError, setLocError] = useState<unknown>(null);
  const q = term.trim();
  const found = useQuery({
    queryKey: ['regions', q],
    queryFn: ({ signal }) => searchRegions(q, signal),
    enabled: q.length >= 1,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const locate = async () => {
    setLocating(true);
    setLocError(null);
    try {
      const p = await currentPosition();
      setNear(await nearbyRegions(p.lat, p.lng));
      setTerm('');
    } catch (e) {
      setLocError(e);
    } finally {
      setLocating(false);
    }
  };
  const list = q ? (found.data ?? []) : (near ?? []);
  const geoKey = geolocationErrorKey(locError);
  return (
    <div className="region-picker">
      <label>
        {t('region.search')}
        <input
          type="search"
          value={term}
          maxLength={30}
          placeholder={t('region.searchPlaceholder')}
          onChange={(e) => setTerm(e.target.value)}
        />
      </label>
      <button type="button" className="btn btn-small" onClick={() => void locate()} disabled={locating}>
        {locating ? t('region.locating') : t('region.nearMe')}
      </button>
      {geoKey ? (
        <p className="inline-error" role="alert">
          {t(geoKey)}
        </p>
      ) : (
        <InlineError error={locError} />
      )}
      {(q || near) && (
        <ul className="region-results" aria-label={t('region.results')}>
          {list.length === 0 && !found.isFetching && <li className="muted small">{t('region.none')}</li>}
          {list.map((r) => (
            <li key={r.code}>
              <button type="button" className="link-button" disabled={busy} onClick={() => onPick(r)}>
                {regionName(r)}
                {r.distanceMeters !== undefined && (
                  <span className="muted small"> · {(r.distanceMeters / 1000).toFixed(1)} km</span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
