import { useCallback } from 'react';
import { useOfficeStore } from '../store/officeStore';
import { callOffice, type OfficeCall } from './officeApi';

/** callOffice for pages: an answer of 401 means the session ended, so sign-in shows again. */
export function useOfficeApi(): OfficeCall {
  const sessionEnded = useOfficeStore((s) => s.sessionEnded);
  return useCallback<OfficeCall>(
    async (name, ...input) => {
      const result = await callOffice(name, ...input);
      if (!result.ok && result.error.status === 401) sessionEnded();
      return result;
    },
    [sessionEnded],
  );
}
