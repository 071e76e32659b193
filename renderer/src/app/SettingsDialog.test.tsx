// @vitest-environment happy-dom
/**
 * The Settings dialog over the fake contract: where runs go (a service address set by
 * MODELLIX_BASE_URL is shown as such and cannot be edited there) and where the key may be sent.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArgsOf } from '../../../shared/api';
import { ServicesProvider } from '../services/services';
import { SettingsDialog } from './SettingsDialog';
import { createFakeApi, servicesOf, type FakeApi } from './test-support';

afterEach(cleanup);

function renderSettings(api: FakeApi) {
  const user = userEvent.setup();
  render(
    <ServicesProvider services={servicesOf(api)}>
      <SettingsDialog onClose={() => undefined} />
    </ServicesProvider>,
  );
  return user;
}

describe('Settings: the service address', () => {
  it('shows an address from MODELLIX_BASE_URL as such, and the field cannot change it (issue 8.4)', async () => {
    const api = createFakeApi();
    api.connection = { baseUrl: 'http://127.0.0.1:8977', source: 'env', simulated: false };
    renderSettings(api);
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const field = (await within(dialog).findByRole('textbox', { name: /Service address/ })) as HTMLInputElement;
    expect(field.value).toBe('http://127.0.0.1:8977');
    expect(field.disabled).toBe(true);
    expect(within(dialog).getByText(/from MODELLIX_BASE_URL/)).toBeTruthy();
  });

  it('lets the user edit the saved address when the environment does not set one', async () => {
    const api = createFakeApi();
    const user = renderSettings(api);
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const field = (await within(dialog).findByRole('textbox', { name: /Service address/ })) as HTMLInputElement;
    expect(field.disabled).toBe(false);
    expect(within(dialog).queryByText(/from MODELLIX_BASE_URL/)).toBeNull();
    await user.clear(field);
    await user.type(field, 'http://127.0.0.1:9000');
    await user.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(api['settings.set']).toHaveBeenCalledWith(expect.objectContaining({ baseUrl: 'http://127.0.0.1:9000' })));
  });

  it('names the problem with an address from the environment that cannot be used', async () => {
    const api = createFakeApi();
    api.connection = { baseUrl: 'http://api.modellix.ai', source: 'env', simulated: false, problem: 'MODELLIX_BASE_URL: The Modellix base URL must use https.' };
    renderSettings(api);
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    expect(await within(dialog).findByText(/must use https/)).toBeTruthy();
  });
});

describe('Settings: where the key may go (issue 8.5)', () => {
  it('says which address the key is sent to', async () => {
    const api = createFakeApi();
    api.keyStatus = { ...api.keyStatus, present: true, source: 'file', boundTo: 'https://api.modellix.ai', boundToCurrent: true };
    renderSettings(api);
    const status = await screen.findByRole('status', { name: 'API key status' });
    await waitFor(() => expect(status.textContent).toMatch(/It is sent only to https:\/\/api\.modellix\.ai\.$/));
  });
});

describe('Settings: simulated mode', () => {
  it('says runs are simulated, and one switch leaves it', async () => {
    const api = createFakeApi();
    api.connection = { baseUrl: 'http://127.0.0.1:40001', source: 'simulated', simulated: true };
    const user = renderSettings(api);
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const toggle = (await within(dialog).findByRole('checkbox', { name: 'Simulated mode' })) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    expect(within(dialog).getByText(/no key is needed, nothing is paid/)).toBeTruthy();
    api['settings.set'] = vi.fn(async (patch: ArgsOf<'settings.set'>) => {
      api.connection = { baseUrl: 'https://api.modellix.ai', source: 'default', simulated: Boolean(patch.simulated) };
      return { baseUrl: 'https://api.modellix.ai', concurrency: 4, outDir: '', confirmTasksOver: 10, confirmSecondsOver: 120, prices: {}, simulated: Boolean(patch.simulated) };
    });
    await user.click(toggle);
    await waitFor(() => expect(api['settings.set']).toHaveBeenCalledWith({ simulated: false }));
    await waitFor(() => expect(toggle.checked).toBe(false));
    expect(within(dialog).getByText(/Runs go to https:\/\/api\.modellix\.ai and are paid for/)).toBeTruthy();
  });
});

describe('Settings: simulated mode ends with a key', () => {
  it('shows the switch off once a key is set (the service ends simulated mode), without reopening', async () => {
    const api = createFakeApi();
    api.connection = { baseUrl: 'http://127.0.0.1:40001', source: 'simulated', simulated: true };
    renderSettings(api);
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const toggle = (await within(dialog).findByRole('checkbox', { name: 'Simulated mode' })) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    api.connection = { baseUrl: 'https://api.modellix.ai', source: 'default', simulated: false };
    api.emit('key.changed', await api['key.status']({}));
    await waitFor(() => expect(toggle.checked).toBe(false));
  });
});

describe('Settings: the price table', () => {
  it('shows saved prices as rows, adds and removes rows, and saves them as price keys', async () => {
    const api = createFakeApi();
    await api['settings.set']({ prices: { 'seedance-2.0-t2v@720p': 0.1 } });
    const user = renderSettings(api);
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const prices = await within(dialog).findByRole('group', { name: 'Prices (US dollars per second of video)' });
    expect((within(prices).getByRole('combobox', { name: 'Model, price row 1' }) as HTMLSelectElement).value).toBe('seedance-2.0-t2v');
    expect((within(prices).getByRole('combobox', { name: 'Resolution, price row 1' }) as HTMLSelectElement).value).toBe('720p');
    expect((within(prices).getByRole('spinbutton', { name: 'US dollars per second, price row 1' }) as HTMLInputElement).value).toBe('0.1');

    await user.click(within(prices).getByRole('button', { name: 'Add price' }));
    await user.selectOptions(within(prices).getByRole('combobox', { name: 'Model, price row 2' }), 'seedance-2.0-fast-v2v');
    // A fast model offers only its own resolutions.
    const resolution = within(prices).getByRole('combobox', { name: 'Resolution, price row 2' });
    expect(within(resolution).getAllByRole('option').map((o) => o.textContent)).toEqual(['Any resolution', '480p', '720p']);
    await user.type(within(prices).getByRole('spinbutton', { name: 'US dollars per second, price row 2' }), '0.05');
    await user.click(within(prices).getByRole('button', { name: 'Add price' }));
    await user.type(within(prices).getByRole('spinbutton', { name: 'US dollars per second, price row 3' }), '1');
    await user.click(within(prices).getByRole('button', { name: 'Remove price row 3' }));

    await user.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(api['settings.set']).toHaveBeenLastCalledWith(expect.objectContaining({ prices: { 'seedance-2.0-t2v@720p': 0.1, 'seedance-2.0-fast-v2v': 0.05 } })),
    );
    expect(await within(dialog).findByText('Settings saved.')).toBeTruthy();
    expect((await api['settings.get']({})).prices).toEqual({ 'seedance-2.0-t2v@720p': 0.1, 'seedance-2.0-fast-v2v': 0.05 });
  });

  it('refuses a row without a price, and two rows for the same model and resolution, saying which', async () => {
    const api = createFakeApi();
    const user = renderSettings(api);
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const prices = await within(dialog).findByRole('group', { name: 'Prices (US dollars per second of video)' });
    await user.click(within(prices).getByRole('button', { name: 'Add price' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/^Price row 1: the price is US dollars per second/);

    await user.type(within(prices).getByRole('spinbutton', { name: 'US dollars per second, price row 1' }), '0.2');
    await user.click(within(prices).getByRole('button', { name: 'Add price' }));
    await user.type(within(prices).getByRole('spinbutton', { name: 'US dollars per second, price row 2' }), '0.3');
    await user.click(within(dialog).getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toMatch(/at any resolution is priced twice\. Remove one row\./));
    expect(api['settings.set']).not.toHaveBeenCalled();
  });
});
