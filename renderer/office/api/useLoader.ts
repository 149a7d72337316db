import { useCallback, useEffect, useRef } from 'react';

/**
 * Fetches on mount (and every `refreshMs`, if given) and hands the answer to `apply`; returns a
 * function that fetches again now. An answer that arrives after the page closed is dropped.
 */
export function useLoader<T>(
  fetcher: () => Promise<T>,
  apply: (value: T) => void,
  refreshMs?: number,
): () => Promise<void> {
  const live = useRef(true);
  const reload = useCallback(
    () =>
      fetcher().then((value) => {
        if (live.current) apply(value);
      }),
    [fetcher, apply],
  );
  useEffect(() => {
    live.current = true;
    void reload();
    const timer = refreshMs ? setInterval(() => void reload(), refreshMs) : null;
    return () => {
      live.current = false;
      if (timer) clearInterval(timer);
    };
  }, [reload, refreshMs]);
  return reload;
}
