/**
 * A QR code drawn as inline SVG from the QR matrix, so nothing but React elements reaches the page:
 * no data: URL, no inline style, nothing the app's Content-Security-Policy has to allow.
 */
import { useMemo } from 'react';
import { encode } from 'uqr';

interface QrCodeProps {
  /** What the code says, e.g. an otpauth:// URI. */
  text: string;
  /** Read out instead of the picture. */
  label: string;
}

/** One path for every dark module: far fewer DOM nodes than a rect each. */
function darkModulesPath(modules: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
    }),
  );
  return parts.join('');
}

export function QrCode({ text, label }: QrCodeProps) {
  // Medium error correction survives a scratched screen or glare; a 4-module quiet zone is the standard's.
  const qr = useMemo(() => encode(text, { ecc: 'M', border: 4 }), [text]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={qr.size} height={qr.size} fill="#ffffff" />
      <path d={darkModulesPath(qr.data)} fill="#0b0c0c" />
    </svg>
  );
}
