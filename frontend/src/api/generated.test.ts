import { stale } from '../../scripts/api-types.mjs';

describe('generated API types', () => {
  it('are up to date with docs/openapi (else run npm run api:generate)', async () => {
    expect(await stale()).toEqual([]);
  });
});
