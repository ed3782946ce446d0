/** Where the device is, once (동네 인증, "find my 동네"): the browser's Geolocation API, which asks the user. */
export function currentPosition(timeoutMs = 15000): Promise<{ lat: number; lng: number }> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('geolocation-unavailable'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: round(p.coords.latitude), lng: round(p.coords.longitude) }),
      (e) => reject(new Error(e.code === e.PERMISSION_DENIED ? 'geolocation-denied' : 'geolocation-failed')),
      { enableHighAccuracy: false, timeout: timeoutMs, maximumAge: 60000 },
    );
  });
}

/** Six decimals (~0.1 m) is all the server accepts and more than the check needs. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

const GEO_ERRORS = ['geolocation-denied', 'geolocation-failed', 'geolocation-unavailable'] as const;

/** The i18n key of a geolocation failure, or null for another error. */
export function geolocationErrorKey(e: unknown): `region.${(typeof GEO_ERRORS)[number]}` | null {
  const m = e instanceof Error ? e.message : '';
  const known = GEO_ERRORS.find((g) => g === m);
  return known ? `region.${known}` : null;
}
