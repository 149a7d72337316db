import { useCallback } from 'react';
import { useOfficeStore } from '../store/officeStore';
import { officeCall, type OfficeResult } from './officeApi';

type Call = <T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
) => Promise<OfficeResult<T>>;

/** officeCall for pages: an answer of 401 means the session ended, so sign-in shows again. */
export function useOfficeApi(): Call {
  const sessionEnded = useOfficeStore((s) => s.sessionEnded);
  return useCallback(
    async <T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => {
      const result = await officeCall<T>(method, path, body);
      if (!result.ok && result.error.status === 401) sessionEnded();
      return result;
    },
    [sessionEnded],
  ) as Call;
}
