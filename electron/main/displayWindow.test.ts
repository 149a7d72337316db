import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../shared/result';
import type { Caller } from '../core/api/caller';
import { answerInvoke } from './ipc';
import {
  displayPlacement,
  displayUrlOf,
  displayWindowOptions,
  isDisplayPage,
  MOVABLE_SIZE,
} from './displayWindow';

const till = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1280, height: 800 },
  workArea: { x: 0, y: 0, width: 1280, height: 760 },
};
const second = {
  id: 2,
  bounds: { x: 1280, y: 0, width: 1024, height: 768 },
  workArea: { x: 1280, y: 0, width: 1024, height: 740 },
};

describe('where the customer display opens', () => {
  it('fills the second screen when there is one, whichever order the screens come in', () => {
    expect(displayPlacement([second, till], 1)).toEqual({
      bounds: second.bounds,
      fullscreen: true,
    });
  });

  it('is a movable window inside the till’s screen when there is only one', () => {
    const { bounds, fullscreen } = displayPlacement([till], 1);
    expect(fullscreen).toBe(false);
    expect(bounds).toMatchObject(MOVABLE_SIZE);
    expect(bounds.x + bounds.width).toBeLessThanOrEqual(1280);
    const options = displayWindowOptions({ bounds, fullscreen }, '/p.cjs', 'Customer display');
    expect(options).toMatchObject({ movable: true, resizable: true, fullscreen: false });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });
});

describe('IPC from the display window calls as the display', () => {
  const appUrl = 'app://terminal/index.html';
  const heard: Caller[] = [];
  const dispatch = (_name: string, _input: unknown, caller?: Caller): Promise<Result<unknown>> => {
    heard.push(caller ?? { kind: 'till' });
    return Promise.resolve(ok(null));
  };

  it('the display page is display.html beside the till’s page', () => {
    expect(displayUrlOf(appUrl)).toBe('app://terminal/display.html');
    expect(isDisplayPage('app://terminal/display.html')).toBe(true);
    expect(isDisplayPage('app://terminal/index.html')).toBe(false);
  });

  it('the till’s page is the till, the display’s page the display, anything else refused', async () => {
    heard.length = 0;
    await answerInvoke(dispatch, appUrl, 'display.view', 'app://terminal/index.html', {});
    await answerInvoke(dispatch, appUrl, 'display.view', 'app://terminal/display.html', {});
    const foreign = await answerInvoke(
      dispatch,
      appUrl,
      'display.view',
      'https://evil.example/display.html',
      {},
    );
    expect(heard).toEqual([{ kind: 'till' }, { kind: 'displayWindow' }]);
    expect(foreign).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
