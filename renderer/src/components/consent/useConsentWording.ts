import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { Locale } from '../../../../shared/locale';
import type { ConsentPurpose, ConsentWording } from '../../../../shared/rules/consent';

/**
 * The current wording of each purpose in one language, as this terminal holds it (pulled from
 * head office); null until it has loaded. The version shown is the version recorded.
 */
export function useConsentWording(
  language: Locale,
): Partial<Record<ConsentPurpose, ConsentWording>> | null {
  const [wording, setWording] = useState<Partial<Record<ConsentPurpose, ConsentWording>> | null>(
    null,
  );
  useEffect(() => {
    let current = true;
    void api.invoke('consent.wording', { language }).then((result) => {
      if (!current || !result.ok) return;
      setWording(Object.fromEntries(result.value.map((w) => [w.purpose, w])));
    });
    return () => {
      current = false;
    };
  }, [language]);
  return wording;
}
