/**
 * The app shell as the renderer's UI tests render it, on the fake contract of ./test-transport
 * (mock `../transport` with it first: see that module).
 */
import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach } from 'vitest';
import { installLayoutStubs } from '../canvas/test-dom';
import { App } from './App';
import { createFakeApi, resetStores, servicesOf } from './test-support';
import { fake } from './test-transport';

/**
 * What every test of the app shell needs: the layout stubs, a fresh fake contract and fresh
 * stores before each test (`reset`: the stores as the test file wants them; empty by default),
 * the DOM cleaned after.
 */
export function setUpAppTests(options: { reset?: () => void } = {}): void {
  installLayoutStubs();
  beforeEach(() => {
    fake.api = createFakeApi();
    (options.reset ?? (() => resetStores()))();
  });
  afterEach(cleanup);
}

/** Renders the whole app on `fake.api` (autosave every minute unless told, so tests are not raced by it); a user to drive it. */
export function renderApp(options: { autosaveMs?: number } = {}) {
  const user = userEvent.setup();
  render(<App services={servicesOf(fake.api)} autosaveMs={options.autosaveMs ?? 60_000} />);
  return user;
}
