import { describe, expect, it, vi } from 'vitest';
import { singleFlight } from './singleFlight';

describe('singleFlight', () => {
  it('shares one run among overlapping callers and starts a new one after it settles', async () => {
    let release: (v: string) => void = () => {};
    const fn = vi.fn(() => new Promise<string>((r) => (release = r)));
    const renew = singleFlight(fn);
    const a = renew();
    const b = renew();
    expect(fn).toHaveBeenCalledTimes(1);
    release('t1');
    expect(await a).toBe('t1');
    expect(await b).toBe('t1');
    const c = renew();
    expect(fn).toHaveBeenCalledTimes(2);
    release('t2');
    expect(await c).toBe('t2');
  });

  it('lets the next caller try again after a failure', async () => {
    const fn = vi.fn().mockRejectedValueOnce(new Error('no session')).mockResolvedValueOnce('ok');
    const renew = singleFlight(fn as () => Promise<string>);
    await expect(renew()).rejects.toThrow('no session');
    expect(await renew()).toBe('ok');
  });
});
