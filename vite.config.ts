import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { jpegLevelShiftFix } from './build/jpegLevelShiftFix.ts';

export default defineConfig({
  plugins: [jpegLevelShiftFix(), react()],
  build: {
    outDir: 'dist',
    sourcemap: true,
    target: 'es2022',
  },
  // The image loader's decoders run in its workers, which Vite bundles with these plugins.
  worker: { format: 'es', plugins: () => [jpegLevelShiftFix()] },
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
      '/auth': 'http://127.0.0.1:8080',
    },
  },
});
