/**
 * Stands in for danfojs-node in the browser bundle: data sets' toDataFrame() builds notebook tables,
 * which the playground never shows, and danfojs-node needs Node. Calling it in the page says so.
 */
export class DataFrame {
  constructor() {
    throw new Error('toDataFrame() needs danfojs-node, which only the notebooks load; the browser playground has no tables');
  }
}
