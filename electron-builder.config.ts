/**
 * Packaging (electron-builder 26): `npm run dist` makes installers on a machine with internet;
 * CI packs with `electron-builder --dir` against a stand-in Electron folder and checks app.asar
 * (test/packaging/package.test.ts).
 *
 * The app ships only its build output: out/main (one bundled ES module plus lazy chunks),
 * out/preload (one CommonJS file) and out/renderer, and package.json. The main process is fully
 * bundled by electron-vite, so no node_modules go into app.asar (`dependencies` are the CLI's).
 */
import type { Configuration } from 'electron-builder';

/**
 * Electron fuses, flipped in the packaged binary (electron-builder's `electronFuses`):
 * no ELECTRON_RUN_AS_NODE, no --inspect / SIGUSR1 debugger, no NODE_OPTIONS / NODE_EXTRA_CA_CERTS;
 * cookies encrypted with the OS key; app code loaded only from app.asar, whose integrity is
 * validated on load (macOS and Windows). GrantFileProtocolExtraPrivileges keeps Electron's default
 * (on): the page is loaded from file:// and its ES module scripts need it.
 */
export const electronFuses = {
  runAsNode: false,
  enableNodeCliInspectArguments: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
} as const satisfies NonNullable<Configuration['electronFuses']>;

const config: Configuration = {
  appId: 'dev.seedanceflow.app',
  productName: 'Seedance Flow',
  executableName: 'seedance-flow',
  copyright: 'Copyright © Seedance Flow contributors',
  directories: { output: 'release', buildResources: 'build' },
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map', '!node_modules/**'],
  asar: true,
  // The templates' pipelines and media, outside the archive (app.info tells the window where).
  extraResources: [{ from: 'examples', to: 'examples', filter: ['**/*.seedance.json', '**/*.csv', 'media/**', '!media/*.sh'] }],
  // No native modules (see docs): nothing to rebuild for Electron.
  npmRebuild: false,
  extraMetadata: { main: 'out/main/index.js' },
  electronFuses,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Video',
    icon: 'build/icon.png',
    synopsis: 'Node editor for Seedance 2.0 video pipelines',
  },
  deb: { priority: 'optional' },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.video',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
  },
  win: { target: ['nsis'], icon: 'build/icon.ico' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};

export default config;
