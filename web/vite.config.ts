import { defineConfig } from 'vite';

// The playground is a static site: base './' so web/dist works from any folder or file server.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    target: 'es2022',
    // TF.js is one large lazy chunk (loaded only in the training worker); keep the warning for
    // everything else meaningful.
    chunkSizeWarningLimit: 4000,
  },
});
