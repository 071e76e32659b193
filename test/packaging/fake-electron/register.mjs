// `node --import ./register.mjs out/main/index.js`: the built main script runs in plain Node with
// `electron` resolved to the scripted stand-in next to this file (see smoke.test.ts).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
