import { useEffect, useState } from 'react';
import type { DisplayView } from '../../shared/display/displayView';
import type { DisplayClient } from './displayClient';

/** How often the display asks the till what to show: quick enough to follow the scanner. */
export const POLL_MS = 400;

export type TillState = 'live' | 'away' | 'unpaired';

/**
 * The till's view, polled over the host (or IPC in Electron). Everything is local, so this
 * works offline; a till that stops answering leaves the last view up, marked as away, and a
 * till that no longer knows this display's token (it restarted) sends it back to pairing.
 */
export function useDisplayView(
  client: DisplayClient,
  paired: boolean,
): { view: DisplayView | null; till: TillState } {
  const [view, setView] = useState<DisplayView | null>(null);
  const [till, setTill] = useState<TillState>('live');
  useEffect(() => {
    if (!paired) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let shown = '';
    const poll = async () => {
      const result = await client.invoke('display.view', {});
      if (stopped) return;
      if (result.ok) {
        const text = JSON.stringify(result.value);
        if (text !== shown) {
          shown = text;
          setView(result.value);
        }
        setTill('live');
      } else if (result.error.code === 'unauthorized') {
        client.forget();
        setTill('unpaired');
        return;
      } else {
        setTill('away');
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, paired]);
  return { view, till };
}
