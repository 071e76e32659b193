import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// main: electron/main (the only code that imports electron); preload: CommonJS, as a sandboxed
// preload must be; renderer: the React app in renderer/ (what it weighs: docs/performance.md).
/**
 * Modules the window loads on demand (`import()` in renderer/src): not in its start-up chunks. A
 * module only those need (reading a graph file's text, for the templates) is listed too, or the
 * start-up group would take it in.
 */
const ON_DEMAND = /renderer\/src\/(canvas\/(QuickAdd|ConnectionsDialog|ImportPathDialog|layout)|commands\/ShortcutSheet|ui\/(Dialog|MenuList)|app\/(SettingsDialog|QuestionDialog|RunEstimate|StartScreen|templates|ConfirmRunDialog|PricesEditor|HistoryPanel|BatchPanel|batch-view|batch-commands|CompareDialog|compare-model)|nodes\/(Settings|ResultsView|AssetItems|OutputActions)|pipelines\/(PipelineNode|PipelineLibrary|library|nesting))\.tsx?$|shared\/pipeline\/(group|expand|ports|wiring|install)\.ts$|shared\/plan\/estimate-lines\.ts$|shared\/graph\/(load|migrate|json-syntax)\.ts$|shared\/batch\/rows\.ts$|node_modules\/(@dagrejs|dagre)|examples\/[^/]+\.seedance\.json/;

/** The app's own code, shared and window (not node_modules). */
const OWN_CODE = /\/(renderer\/src|shared)\//;

export default defineConfig({
  main: {
    build: {
      // Bundled whole: app.asar holds no node_modules, so nothing may stay external.
      externalizeDeps: false,
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only electron: zod and the contract are bundled in.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite's renderer preset sets `minify: false`; the window's code is minified like
      // any web page's (browser mode sends it over HTTP, and the desktop app parses it at start).
      minify: true,
      // No preload helper or polyfill: an on-demand chunk needs only the start-up chunk, already
      // loaded (everything it shares with the window is there, see `codeSplitting` below).
      modulePreload: false,
      // One stylesheet, loaded at start (about 45 kB, most of it the canvas's): on-demand chunks then
      // need no loader for their styles, and a dialog never shows unstyled for a moment.
      cssCodeSplit: false,
      // The entry is about 640 kB minified (React, React Flow, zod): the budget that matters,
      // initial JS under 200 kB gzipped, is checked by `npm run bench` (bundle).
      chunkSizeWarningLimit: 800,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        // Code loaded on demand (dialogs, auto-layout) gets chunks of its own; everything it shares
        // with the window stays in one chunk the window loads at start, rather than in common
        // chunks split out for each on-demand piece.
        output: { codeSplitting: { groups: [{ name: 'app', test: (id: string) => !ON_DEMAND.test(id) }] } },
        // Our own modules have no side effects but their styles: one whose exports go unused (a zod
        // schema behind a barrel's `export *`, say) is left out rather than kept for its top-level calls.
        treeshake: { moduleSideEffects: (id: string) => !OWN_CODE.test(id) || /\.css$/.test(id) },
      },
    },
  },
});
