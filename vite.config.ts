import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    sourcemap: true,
    target: 'es2022',
  },
  worker: { format: 'es' },
  optimizeDeps: {
    // The DICOM image loader starts its decode workers from its own files (`new URL(…, import.meta.url)`).
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: ['dicom-parser'],
  },
  server: {
    // `npm run dev` talks to a gateway started with `npm start` (demo) on port 8080.
    proxy: {
      '/sites': 'http://127.0.0.1:8080',
      '/identity': 'http://127.0.0.1:8080',
      '/config.json': 'http://127.0.0.1:8080',
    },
  },
});
