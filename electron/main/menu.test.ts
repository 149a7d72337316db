import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { devToolsAllowed, menuTemplate } from './menu';

/** Every item in a template, submenus included. */
function itemsOf(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? itemsOf(item.submenu) : []),
  ]);
}

const rolesOf = (template: MenuItemConstructorOptions[]) =>
  itemsOf(template)
    .map((item) => item.role?.toLowerCase())
    .filter((role): role is string => role !== undefined);

/** Roles that open DevTools or reload the page under the cashier. */
const developerRoles = ['toggledevtools', 'reload', 'forcereload'];

describe('the application menu', () => {
  it.each(['linux', 'win32', 'darwin'])('has no DevTools and no reload on %s', (platform) => {
    const template = menuTemplate({ appName: 'Loyalty Terminal', platform, devTools: false });
    const roles = rolesOf(template);
    for (const role of developerRoles) expect(roles).not.toContain(role);
    // Nothing reaches them by a shortcut or a click handler either.
    for (const item of itemsOf(template)) {
      expect(item.click).toBeUndefined();
      expect(String(item.accelerator ?? '')).not.toMatch(/Shift\+I|F12|\+R$/i);
    }
  });

  it('keeps what a till needs: copy and paste, zoom, and a way to quit', () => {
    for (const platform of ['linux', 'win32', 'darwin']) {
      const roles = rolesOf(menuTemplate({ appName: 'x', platform, devTools: false }));
      expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'selectall', 'zoomin']));
      expect(roles).toContain('quit');
    }
  });

  it('puts the app menu first on macOS only', () => {
    expect(menuTemplate({ appName: 'Till', platform: 'darwin', devTools: false })[0]?.label).toBe(
      'Till',
    );
    expect(menuTemplate({ appName: 'Till', platform: 'linux', devTools: false })[0]?.label).toBe(
      'Edit',
    );
  });

  it('offers DevTools and reload to a developer', () => {
    const roles = rolesOf(menuTemplate({ appName: 'x', platform: 'linux', devTools: true }));
    expect(roles).toEqual(expect.arrayContaining(developerRoles));
  });
});

describe('devToolsAllowed', () => {
  it('is on for the dev server or LOYALTY_DEVTOOLS=1, and off for npm start', () => {
    expect(devToolsAllowed({})).toBe(false);
    expect(devToolsAllowed({ LOYALTY_DEVTOOLS: '0' })).toBe(false);
    expect(devToolsAllowed({ LOYALTY_DEVTOOLS: '1' })).toBe(true);
    expect(devToolsAllowed({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' })).toBe(true);
  });
});
