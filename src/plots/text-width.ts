/**
 * Text widths for rendering charts in Node: vega measures text with a canvas, and without one
 * (renderSvg() here) guesses 0.8 em per character, far wider than the charts' Helvetica/Arial draws
 * most text. Laid out on that guess, a chart's SVG is wider than what it shows, and a page that fits
 * it to a phone shrinks its text for nothing. Widths below are Helvetica's (Arial and Liberation
 * Sans share them), in thousandths of an em; a character not listed counts as a wide one.
 */
const narrow = { chars: 'ijlI.,:;\'|!', width: 278 };
const groups: Array<{ chars: string; width: number }> = [
  narrow,
  { chars: 'ft /\\[]', width: 300 },
  { chars: 'r()-"`*', width: 333 },
  { chars: 'sJz', width: 500 },
  { chars: 'abcdeghknopquvxy0123456789$_?#–', width: 556 },
  { chars: 'L+=<>~^', width: 584 },
  { chars: 'FTZ', width: 611 },
  { chars: 'ABEKPSVXYw&', width: 667 },
  { chars: 'CDHNRU', width: 722 },
  { chars: 'GOQ', width: 778 },
  { chars: 'mM%', width: 889 },
  { chars: 'W@—', width: 944 },
];
const widths = new Map(groups.flatMap(({ chars, width }) => [...chars].map((char) => [char, width] as const)));
/** Bold text (vega's titles) runs about a tenth wider. */
const boldFactor = 1.1;
/** Room for a reader's fallback font that runs a little wider than Helvetica. */
const slack = 1.05;

/** The width in px of `text` at `fontSize` px, as Helvetica draws it. */
export function helveticaWidth(text: string, fontSize: number, bold = false): number {
  let thousandths = 0;
  for (const char of text) thousandths += widths.get(char) ?? 722;
  return (thousandths / 1000) * fontSize * (bold ? boldFactor : 1) * slack;
}
