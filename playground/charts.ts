/** The library's vega-lite specs drawn in the page by vega (bundled: nothing is fetched). */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { narrowChart } from '../src/plots/narrow';

/**
 * Draws `spec` into `holder` as SVG, replacing what an earlier call drew there. A chart wider than
 * its box is drawn again narrow (src/plots/narrow.ts), at the box's width, and so are the later
 * ones: shrunk to fit instead, its text would be too small to read on a phone.
 */
export function chartDrawer(holder: HTMLElement): (spec: TopLevelSpec) => Promise<void> {
  let view: View | undefined;
  let narrow = false;
  const draw = async (spec: TopLevelSpec) => {
    view?.finalize();
    holder.replaceChildren();
    view = new View(parse(compile(narrow ? narrowChart(spec, holder.clientWidth) : spec).spec), { renderer: 'svg', container: holder, hover: false });
    await view.runAsync();
  };
  return async (spec) => {
    await draw(spec);
    if (!narrow && holder.scrollWidth > holder.clientWidth) {
      narrow = true;
      await draw(spec);
    }
  };
}
