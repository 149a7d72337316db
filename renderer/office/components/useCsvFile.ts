import { useCallback, useState } from 'react';
import { MAX_IMPORT_CSV_CHARS } from '../../../shared/office/memberImport';

export interface ChosenCsv {
  name: string;
  csv: string;
}

/**
 * The CSV an admin picked for an import (members, catalogue): read as text in the browser, or
 * refused as too big before it is sent (head office takes up to 4.5 MB in one upload).
 */
export function useCsvFile(onChoose: () => void) {
  const [file, setFile] = useState<ChosenCsv | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const choose = useCallback(
    async (chosen: File | undefined) => {
      onChoose();
      setFile(null);
      setTooBig(false);
      if (!chosen) return;
      const csv = await chosen.text();
      if (csv.length > MAX_IMPORT_CSV_CHARS) {
        setTooBig(true);
        return;
      }
      setFile({ name: chosen.name, csv });
    },
    [onChoose],
  );
  return { file, tooBig, choose };
}
