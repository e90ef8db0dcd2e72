/** What `attention-lab export` publishes besides the executed notebook: formats and the article form. */
import { UsageError } from '../cli/errors';

export const exportFormats = ['html', 'markdown'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/**
 * How much of the notebook a page shows. `notebook`: everything (Jupyter Book's remove-… and hide-… tags
 * honoured); `no-input`: the same without code; `article`: no code, no cell tagged
 * `remove-from-article`, no live progress output — headings, prose, charts and result tables.
 */
export type ExportForm = 'notebook' | 'no-input' | 'article';

/** `--to html,markdown` or repeated `--to`: each named format once, in the order given. */
export function parseFormats(value: string, formats: ExportFormat[]): ExportFormat[] {
  const named = value.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (named.length === 0) throw new UsageError(`--to needs a format: ${exportFormats.join(', ')}`);
  for (const name of named) {
    const format = name === 'md' ? 'markdown' : name;
    if (!(exportFormats as readonly string[]).includes(format)) {
      throw new UsageError(`unknown export format "${name}"; the formats are: ${exportFormats.join(', ')}`);
    }
    if (!formats.includes(format as ExportFormat)) formats.push(format as ExportFormat);
  }
  return formats;
}
