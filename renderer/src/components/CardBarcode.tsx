import { ean13Modules } from '../../../shared/ean13';
import { useT } from '../i18n/useT';

/** The member's card as an EAN-13 barcode, drawn as SVG bars (no images, so the CSP holds). */
export function CardBarcode({ cardNumber }: { cardNumber: string }) {
  const t = useT();
  const modules = ean13Modules(cardNumber);
  if (!modules) return null;
  const quiet = 9;
  const width = modules.length + quiet * 2;
  return (
    <svg
      className="barcode"
      viewBox={`0 0 ${width} 50`}
      role="img"
      aria-label={t('member.barcode', { card: cardNumber })}
      preserveAspectRatio="none"
    >
      <rect x="0" y="0" width={width} height="50" fill="#fff" />
      {Array.from(modules).map((bit, index) =>
        bit === '1' ? (
          <rect key={index} x={quiet + index} y="2" width="1" height="46" fill="#000" />
        ) : null,
      )}
    </svg>
  );
}
