/** <name>.results.json: the parameters a run used and the figures its notebook published. */
import { resultsMimeType } from '../protocol';
import { CommandError } from '../cli/errors';
import { hasTag, isCode, Notebook } from '../translator/ipynb';
import { injectedParametersTag, ParameterValue } from '../translator/parameters';

export interface ResultsDocument {
  notebook: string;
  parameters: Record<string, ParameterValue>;
  [figure: string]: unknown;
}

/**
 * Merges every display_data bundle of MIME type resultsMimeType, in cell order (a later key wins),
 * after the notebook's name and parameters, which no bundle may overwrite.
 */
export function resultsDocument(name: string, parameters: Record<string, ParameterValue>,
  executed: Notebook): ResultsDocument {
  const document: ResultsDocument = { notebook: name, parameters };
  const codeCells = executed.cells.filter((c) => isCode(c) && !hasTag(c, injectedParametersTag));
  codeCells.forEach((cell, index) => {
    for (const output of cell.outputs ?? []) {
      const bundle = output.output_type === 'display_data' ? output.data?.[resultsMimeType] : undefined;
      if (bundle === undefined) continue;
      const where = `${name}: code cell ${index + 1} publishes ${resultsMimeType}`;
      if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) {
        throw new CommandError(`${where} that is not a JSON object`);
      }
      const reserved = Object.keys(bundle).filter((key) => key === 'notebook' || key === 'parameters');
      if (reserved.length > 0) throw new CommandError(`${where} with the reserved key "${reserved[0]}"`);
      Object.assign(document, bundle);
    }
  });
  return document;
}
