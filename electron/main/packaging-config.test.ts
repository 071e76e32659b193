/**
 * The electron-builder configuration (electron-builder.config.ts) as data: fuses, what goes into
 * app.asar, targets. The package it makes is checked in test/packaging (npm run test:package).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import config, { electronFuses } from '../../electron-builder.config';
import { APP_USER_MODEL_ID } from './app';

vi.mock('electron', () => import('./test-support/fake-electron'));

describe('packaging configuration', () => {
  it('flips the fuses that close Node-level back doors and lock the app to its asar', () => {
    expect(config.electronFuses).toBe(electronFuses);
    expect(electronFuses).toEqual({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs only the build output and package.json, into an asar', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map', '!node_modules/**']);
    expect(config.extraMetadata).toEqual({ main: 'out/main/index.js' });
    expect(JSON.parse(readFileSync('package.json', 'utf8')).main).toBe('out/main/index.js');
    expect(config.npmRebuild).toBe(false);
  });

  it('names the app and targets Linux, macOS and Windows installers', () => {
    expect(config.appId).toBe('dev.seedanceflow.app');
    expect(config.appId).toBe(APP_USER_MODEL_ID);
    expect(config.productName).toBe('Seedance Flow');
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Video', icon: 'build/icon.png' });
    expect(config.mac).toMatchObject({ target: ['dmg'], category: 'public.app-category.video', icon: 'build/icon.icns' });
    expect(config.win).toMatchObject({ target: ['nsis'], icon: 'build/icon.ico' });
  });

  it('has an icon of our own: a 1024x1024 PNG, plus .ico and .icns', () => {
    const png = readFileSync('build/icon.png');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    expect(readFileSync('build/icon.ico').readUInt16BE(0)).toBe(0);
    expect(readFileSync('build/icon.icns').subarray(0, 4).toString()).toBe('icns');
  });
});
