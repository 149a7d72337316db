import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu, as data so a test can read it. Electron's default menu carries Toggle
 * Developer Tools (Ctrl+Shift+I) and Reload; on a till either is a way round the app, so the
 * shipped menu has neither, and with no menu item holding their roles their shortcuts do nothing.
 * `devTools` is for a developer's run (electron-vite's dev server, or LOYALTY_DEVTOOLS=1).
 */
export interface MenuOptions {
  appName: string;
  /** process.platform: macOS keeps its app menu, where Quit lives. */
  platform: string;
  devTools: boolean;
}

export function menuTemplate({
  appName,
  platform,
  devTools,
}: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  // Cut, copy and paste need menu roles for their shortcuts to work on macOS.
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(devTools
        ? ([
            { type: 'separator' },
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
          ] satisfies MenuItemConstructorOptions[])
        : []),
    ],
  };
  const window: MenuItemConstructorOptions = {
    label: 'Window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }]
      : [{ role: 'minimize' }, { role: 'close' }, { type: 'separator' }, { role: 'quit' }],
  };
  return [...appMenu, edit, view, window];
}

/** Whether this run may open DevTools: only a developer's, never the till's. */
export function devToolsAllowed(env: Record<string, string | undefined>): boolean {
  return Boolean(env.ELECTRON_RENDERER_URL) || env.LOYALTY_DEVTOOLS === '1';
}
