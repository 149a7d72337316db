import { code39 } from './code39';

const QUIET = 10;

/**
 * A coupon or gift-card code as a Code 39 barcode, drawn as SVG rectangles (no images, so the
 * CSP holds) with the code printed under it for typing when a scanner is not at hand.
 */
export function Code39Barcode({ code, label }: { code: string; label: string }) {
  const symbol = code39(code);
  if (!symbol) return null;
  const width = symbol.width + QUIET * 2;
  return (
    <figure className="code39">
      <svg
        viewBox={`0 0 ${width} 40`}
        role="img"
        aria-label={label}
        preserveAspectRatio="none"
        data-code={code}
      >
        <rect x="0" y="0" width={width} height="40" fill="#fff" />
        {symbol.bars.map((bar) => (
          <rect key={bar.x} x={QUIET + bar.x} y="0" width={bar.width} height="40" fill="#000" />
        ))}
      </svg>
      <figcaption className="code">{code}</figcaption>
    </figure>
  );
}
