/**
 * Builds the Lantern web app. Run from the repository root with `--config web/vite.config.ts`:
 * the root is this folder and the build lands in web/dist, which the local runtime and
 * CloudFront serve on the same origin as the API.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** `vite dev` and `vite preview` forward API calls to a local runtime started with `npm start`. */
const apiProxy = { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } };

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Keep every asset a file served from 'self' rather than a data: URI.
    assetsInlineLimit: 0,
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
