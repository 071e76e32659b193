/**
 * The app shell as the renderer's UI tests render it, on the fake contract of ./test-transport
 * (mock `../transport` with it first: see that module).
 */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { servicesOf } from './test-support';
import { fake } from './test-transport';

/** Renders the whole app on `fake.api` (autosave every minute unless told, so tests are not raced by it); a user to drive it. */
export function renderApp(options: { autosaveMs?: number } = {}) {
  const user = userEvent.setup();
  render(<App services={servicesOf(fake.api)} autosaveMs={options.autosaveMs ?? 60_000} />);
  return user;
}
