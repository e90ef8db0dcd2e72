/** How numbers read in generated prose and progress lines: one place, so every notebook writes them alike. */

/** `digits` decimals, e.g. fixed(0.7234) = "0.72". */
export const fixed = (value: number, digits = 2): string => value.toFixed(digits);

/** A share in [0, 1] as a percentage with a space before the sign, e.g. percent(0.52) = "52 %". */
export const percent = (share: number, digits = 0): string => `${fixed(100 * share, digits)} %`;

/** A count with its noun, e.g. plural(2000, 'sample') = "2,000 samples". */
export const plural = (count: number, word: string): string => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
