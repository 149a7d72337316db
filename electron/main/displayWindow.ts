import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { secureWebPreferences } from './security';

/** The customer display's page, served beside the till's (renderer/display.html). */
export const DISPLAY_PAGE = 'display.html';

export function displayUrlOf(appUrl: string): string {
  return new URL(DISPLAY_PAGE, appUrl).toString();
}

/** Whether a frame is showing the customer display's page (rather than the till's). */
export function isDisplayPage(senderUrl: string): boolean {
  try {
    return new URL(senderUrl).pathname.endsWith(`/${DISPLAY_PAGE}`);
  } catch {
    return false;
  }
}

export interface ScreenInfo {
  id: number;
  bounds: Rectangle;
  workArea: Rectangle;
}

/** A movable window's size on a till with one screen: small enough to drag out of the way. */
export const MOVABLE_SIZE = { width: 800, height: 600 };

/**
 * Where the customer display opens: full screen on the first screen that is not the till's
 * (screen.getAllDisplays()), or, on a till with one screen, a window the cashier can move
 * (to a screen plugged in later, or out of the way), inset from the till's top-left corner.
 */
export function displayPlacement(
  screens: readonly ScreenInfo[],
  primaryId: number,
): { bounds: Rectangle; fullscreen: boolean } {
  const second = screens.find((s) => s.id !== primaryId);
  if (second) return { bounds: { ...second.bounds }, fullscreen: true };
  const primary = screens.find((s) => s.id === primaryId) ?? screens[0];
  const area = primary?.workArea ?? { x: 0, y: 0, width: 1280, height: 800 };
  const width = Math.min(MOVABLE_SIZE.width, area.width);
  const height = Math.min(MOVABLE_SIZE.height, area.height);
  return {
    bounds: {
      x: area.x + Math.max(0, area.width - width - 40),
      y: area.y + 40,
      width,
      height,
    },
    fullscreen: false,
  };
}

/** The options of the display's window: hardened exactly as the till's (security.ts). */
export function displayWindowOptions(
  placement: { bounds: Rectangle; fullscreen: boolean },
  preloadPath: string,
  title: string,
): BrowserWindowConstructorOptions {
  return {
    ...placement.bounds,
    fullscreen: placement.fullscreen,
    // One screen: the cashier drags it where it helps; a second screen: it fills it.
    movable: !placement.fullscreen,
    resizable: !placement.fullscreen,
    title,
    backgroundColor: '#ffffff',
    // The customer never sees the app's menu on their screen.
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** Opens the display's window (Electron's BrowserWindow is passed in, so tests need no binary). */
export function openDisplayWindow(
  Window: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  screen: { getAllDisplays(): ScreenInfo[]; getPrimaryDisplay(): { id: number } },
  appUrl: string,
  preloadPath: string,
): BrowserWindow {
  const placement = displayPlacement(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
  const window = new Window(displayWindowOptions(placement, preloadPath, 'Customer display'));
  window.setMenuBarVisibility(false);
  void window.loadURL(displayUrlOf(appUrl));
  return window;
}
