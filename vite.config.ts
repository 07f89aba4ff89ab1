import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is one bundle, served by the browser host and loaded by Electron alike.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
  },
});
