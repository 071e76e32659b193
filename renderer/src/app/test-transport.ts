/**
 * The fake `../transport` the renderer's UI tests share. vi.mock is hoisted above imports, so a
 * test mocks the transport with this module's factory through a dynamic import:
 *
 *   vi.mock('../transport', async () => (await import('./test-transport')).fakeTransportModule());
 *
 * and sets `fake.api` (e.g. `fake.api = createFakeApi()`) before each test. This module imports
 * nothing of the app, so the mock's factory cannot wait on the module it replaces.
 */
import type { FakeApi } from './test-support';

/** The contract the mocked transport answers with: set it in beforeEach. */
export const fake = { api: undefined as unknown as FakeApi };

export function fakeTransportModule() {
  return {
    get api() {
      return fake.api;
    },
    mediaUrl: (id: string) => `/media/${id}`,
  };
}
