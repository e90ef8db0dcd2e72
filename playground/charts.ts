/** The library's vega-lite specs drawn in the page by vega (bundled: nothing is fetched). */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Draws `spec` into `holder` as SVG, replacing what an earlier call drew there. */
export function chartDrawer(holder: HTMLElement): (spec: TopLevelSpec) => Promise<void> {
  let view: View | undefined;
  return async (spec) => {
    view?.finalize();
    holder.replaceChildren();
    view = new View(parse(compile(spec).spec), { renderer: 'svg', container: holder, hover: false });
    await view.runAsync();
  };
}
