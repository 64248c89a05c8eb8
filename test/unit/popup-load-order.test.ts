// @vitest-environment happy-dom
/**
 * The popup holds the site switch's place while it is still finding the reader's tab, so the
 * search box below it does not jump down under the reader's typing when the switch arrives; and
 * "On this page" keeps saying it is looking instead of saying the page cannot be read.
 */
import { h } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../src/core/result';
import { OnThisPagePanel } from '../../src/popup/OnThisPagePanel';
import { SiteSwitch } from '../../src/popup/SiteSwitch';
import { DEFAULT_SETTINGS } from '../../src/shared/card-data';
import { fake, flush, mount, root } from './hostile-render';

vi.mock('../../src/shared/browser', async () => (await import('./fake-browser')).browserModule);

const reader = { id: 3, host: 'www.news.example' };

describe('the popup while it finds the reader’s tab', () => {
  it('the site switch: an invisible row of its own markup first, then the switch in its place', async () => {
    fake.reply = (m) => ((m as { kind: string }).kind === 'getSettings' ? ok(DEFAULT_SETTINGS) : undefined);
    await mount(h(SiteSwitch, { tab: undefined }));
    const held = root.querySelector('.site-switch-placeholder');
    expect(held?.getAttribute('aria-hidden')).toBe('true');
    // Nothing that looks for the switch (or reads its label) finds the placeholder.
    expect(root.querySelector('.site-switch')).toBeNull();
    expect(root.querySelector('#site-switch')).toBeNull();
    await mount(h(SiteSwitch, { tab: reader }));
    await flush();
    expect(root.querySelector('.site-switch-placeholder')).toBeNull();
    const input = root.querySelector('#site-switch') as HTMLInputElement;
    expect(input.checked).toBe(true);
    expect(root.querySelector('.site-switch')?.textContent).toContain('news.example');
  });

  it('the site switch: gone where there is no site, or when the settings cannot be read', async () => {
    await mount(h(SiteSwitch, { tab: null }));
    expect(root.querySelector('.site-switch, .site-switch-placeholder')).toBeNull();
    fake.reply = () => ({ ok: false, error: 'the database could not be opened' });
    await mount(h(SiteSwitch, { tab: reader }));
    await flush();
    expect(root.querySelector('.site-switch, .site-switch-placeholder')).toBeNull();
  });

  it('"On this page" keeps looking until the tab is known, and asks no page meanwhile', async () => {
    const asked: unknown[] = [];
    fake.tabReply = (m) => {
      asked.push(m);
      return [];
    };
    await mount(h(OnThisPagePanel, { visible: true, tab: undefined, onOpen: () => {}, onGallery: () => {} }));
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Looking for names on this page…');
    expect(asked).toHaveLength(0);
  });
});
