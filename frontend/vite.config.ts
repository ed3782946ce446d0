/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// No React plugin: esbuild compiles TSX with the automatic JSX runtime, which is all the SPA needs.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  server: {
    // `npm run dev` against the running local stack (gateway on 8080).
    proxy: {
      '/api': 'http://localhost:8080',
      '/auth': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      // silent-renew.html: the hidden iframe page of the OIDC silent sign-in (tiny, no React).
      input: { main: 'index.html', silent: 'silent-renew.html' },
      output: {
        // The OIDC library and its settings: one named, long-cached chunk, loaded on demand (silent-renew.html
        // does without it: src/auth/silent.ts).
        manualChunks: (id) => (id.includes('oidc-client-ts') || id.includes('/src/auth/settings') ? 'oidc' : undefined),
      },
      onwarn(warning, warn) {
        // React Server Components markers in dependencies mean nothing to a client-only SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
