/**
 * A category lozenge in the category's own colour. The colour is set through the CSSOM (a custom
 * property) rather than a style attribute, which the Content-Security-Policy (style-src 'self') forbids.
 */
import { useLayoutEffect, useRef } from 'react';

export function CategoryTag({ name, colour }: { name: string; colour: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (/^#[0-9a-f]{6}$/i.test(colour)) ref.current?.style.setProperty('--category-colour', colour);
  }, [colour]);
  return (
    <span ref={ref} className="tag category-tag">
      {name}
    </span>
  );
}
