import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * Three builds: the Electron main process (plus the core's utility process, and the browser host,
 * which is the same core behind HTTP), the sandboxed preload (CommonJS, as sandboxed preloads must be), and the React renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          host: resolve('electron/host/index.ts'),
          // The core's own process (utilityProcess), and worker threads' entries, beside the
          // bundles that start them (core builtDir).
          coreProcess: resolve('electron/core/process/coreProcessEntry.ts'),
          reportPdfThread: resolve('electron/core/reports/reportPdfThread.ts'),
          backupThread: resolve('electron/core/backup/backupThread.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: {
        // The cashier's UI, the head-office UI that server/ serves at /office/, and the
        // customer-facing display (a second window in Electron, /display on the browser host).
        input: {
          index: resolve('renderer/index.html'),
          office: resolve('renderer/office.html'),
          display: resolve('renderer/display.html'),
        },
      },
    },
  },
});
