/** How the CLI shows paths and values that it did not write itself: short, and harmless to a terminal. */
import * as path from 'path';

/** A path as the user would type it from here. */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Longer values (a -p value can be any size) are cut to this many characters when printed. */
const longestValue = 200;

/** A value (e.g. of -p) as messages quote it: cut after `longestValue` characters, controls escaped. */
export function shownValue(text: string): string {
  const characters = Array.from(text);
  if (characters.length <= longestValue) return escapeControls(text);
  return `${escapeControls(characters.slice(0, longestValue).join(''))}… (${characters.length} characters)`;
}

/**
 * Escapes the characters a terminal would act on instead of showing: C0 and C1 controls but the
 * line feed (messages have lines), the bidirectional overrides (U+202E would print the rest of the
 * line reversed) and U+2028/U+2029, which some terminals take for line breaks.
 */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
