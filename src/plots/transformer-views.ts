/**
 * Charts of a Transformer's heads (vega-lite 5, plain data): the model view (layers × heads, each
 * the pattern of one held-out sequence, its target positions outlined), the head view of one head
 * with the tokens on both axes, the per-head score heatmap, and the scores over training steps.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TargetPattern } from '../data/token-tasks';
import type { HeadScore } from '../readout/head-scores';
import { chartConfig, colors, heatScheme, vegaLiteSchema } from './theme';

/** One held-out sequence's patterns: per block, [heads][query][key]. */
export interface SequencePatterns {
  tokens: number[];
  /** patterns[layer][head][query][key]. */
  patterns: number[][][][];
  /** Per query position, the key position it should attend to (−1: none), and the pattern's name. */
  target: { pattern: TargetPattern; positions: number[] };
}

interface Cell { layer: string; head: string; query: number; key: number; weight: number; target: boolean; queryToken: string; keyToken: string }

function cells(view: SequencePatterns, only?: { layer: number; head: number }): Cell[] {
  const label = (t: number) => `${t}: ${view.tokens[t]}`;
  return view.patterns.flatMap((heads, layer) => heads.flatMap((rows, head) => {
    if (only !== undefined && (only.layer !== layer || only.head !== head)) return [];
    // Causal heads see only keys up to the query: the cells above the diagonal stay blank, half the marks.
    return rows.flatMap((row, query) => row.slice(0, query + 1).map((weight, key) => ({
      layer: `layer ${layer + 1}`, head: `head ${head + 1}`, query, key, weight,
      target: view.target.positions[query] === key, queryToken: label(query), keyToken: label(key),
    })));
  }));
}

function patternLayers(axis: 'position' | 'token', cellSize: number) {
  const field = (role: 'query' | 'key') => (axis === 'token' ? `${role}Token` : role);
  const sort = (role: 'query' | 'key') => ({ field: role, order: 'ascending' as const });
  const x = { field: field('key'), type: 'ordinal' as const, title: 'Attends to (key position)', sort: axis === 'token' ? sort('key') : undefined, axis: { labelAngle: axis === 'token' ? -90 : 0 } };
  const y = { field: field('query'), type: 'ordinal' as const, title: 'Position (query)', sort: axis === 'token' ? sort('query') : undefined };
  return {
    encoding: { x, y },
    layer: [
      {
        // No ARIA label per cell: thousands of them would weigh more than the chart; the chart's alt text describes it.
        mark: { type: 'rect' as const, aria: false },
        encoding: {
          color: { field: 'weight', type: 'quantitative' as const, title: 'Attention', scale: { scheme: heatScheme, domain: [0, 1] } },
          tooltip: [{ field: 'queryToken', title: 'Query (position: token)' }, { field: 'keyToken', title: 'Key (position: token)' }, { field: 'weight', title: 'Attention', format: '.3f' }],
        },
      },
      { transform: [{ filter: 'datum.target' }], mark: { type: 'rect' as const, aria: false, filled: false, stroke: colors.label, strokeWidth: Math.max(1, cellSize / 10) } },
    ],
  };
}

/** Every head of every layer on one held-out sequence; the target positions outlined in red. */
export function modelViewChart(view: SequencePatterns, options: { title?: string } = {}): TopLevelSpec {
  const length = view.tokens.length;
  const cellSize = Math.max(3, Math.min(8, Math.floor(240 / length)));
  return {
    $schema: vegaLiteSchema,
    title: { text: options.title ?? 'Model view: every head on one held-out sequence', subtitle: [`${length} tokens; rows: query positions, columns: the positions they attend to`, `red outline: the ${view.target.pattern} target of each position`] },
    data: { values: cells(view) },
    facet: { row: { field: 'layer', type: 'ordinal', title: null }, column: { field: 'head', type: 'ordinal', title: null } },
    spec: { width: length * cellSize, height: length * cellSize, ...patternLayers('position', cellSize) },
    resolve: { axis: { x: 'independent', y: 'independent' } },
    config: { ...chartConfig, axis: { ...chartConfig.axis, labels: false, ticks: false } },
  } as TopLevelSpec;
}

/** One head's pattern with the tokens on both axes ("position: token"). */
export function headViewChart(view: SequencePatterns, head: { layer: number; head: number }, options: { title?: string } = {}): TopLevelSpec {
  const length = view.tokens.length;
  const cellSize = Math.max(8, Math.min(16, Math.floor(480 / length)));
  return {
    $schema: vegaLiteSchema,
    title: { text: options.title ?? `Head view: layer ${head.layer + 1}, head ${head.head + 1}`, subtitle: [`axes: position: token id; red outline: the ${view.target.pattern} target`] },
    data: { values: cells(view, head) },
    width: length * cellSize,
    height: length * cellSize,
    ...patternLayers('token', cellSize),
    config: chartConfig,
  } as TopLevelSpec;
}

const scoreColumns = [
  { key: 'previous', title: 'previous token' }, { key: 'duplicate', title: 'duplicate token' },
  { key: 'induction', title: 'induction' }, { key: 'prefixMatching', title: 'prefix matching (repeat)' },
] as const;

/** Per head (rows) and pattern (columns): the share of attention on the target, a uniform head's in the tooltip. */
export function headScoreHeatmap(scores: HeadScore[], options: { title?: string } = {}): TopLevelSpec {
  const values = scores.flatMap((s) => scoreColumns.map(({ key, title }) => ({
    head: `layer ${s.layer + 1}, head ${s.head + 1}`, pattern: title,
    share: key === 'prefixMatching' ? s.prefixMatching : s.shares[key],
    uniform: key === 'prefixMatching' ? s.uniformPrefixMatching : s.uniformShares[key],
  })));
  return {
    $schema: vegaLiteSchema,
    title: { text: options.title ?? 'Where each head looks, scored against the targets', subtitle: ['share of the head\'s attention on each pattern\'s target position (held-out sequences)'] },
    data: { values },
    width: scoreColumns.length * 90,
    height: scores.length * 28,
    encoding: {
      x: { field: 'pattern', type: 'nominal', title: null, sort: scoreColumns.map((c) => c.title), axis: { labelAngle: 0 } },
      y: { field: 'head', type: 'nominal', title: null },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'share', type: 'quantitative', title: 'Share', scale: { scheme: heatScheme, domain: [0, 1] } }, tooltip: [{ field: 'head' }, { field: 'pattern' }, { field: 'share', format: '.3f' }, { field: 'uniform', title: 'uniform head', format: '.3f' }] } },
      { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'share', format: '.2f' }, color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: 'black' } } },
    ],
    config: chartConfig,
  } as TopLevelSpec;
}

export interface StepPoint {
  step: number;
  /** Per head, its prefix-matching score. */
  heads: { layer: number; head: number; prefixMatching: number }[];
  inContextAccuracy: number;
}

/** Each head's prefix-matching score and the in-context accuracy over training steps, the induction threshold marked. */
export function headsOverTrainingChart(points: StepPoint[], threshold: number, options: { title?: string } = {}): TopLevelSpec {
  const values = points.flatMap((p) => [
    ...p.heads.map((h) => ({ step: p.step, series: `layer ${h.layer + 1}, head ${h.head + 1}: prefix matching`, value: h.prefixMatching })),
    { step: p.step, series: 'in-context accuracy (repeat)', value: p.inContextAccuracy },
  ]);
  return {
    $schema: vegaLiteSchema,
    title: { text: options.title ?? 'While it learns: heads and in-context accuracy', subtitle: [`held-out sequences after every epoch; dashed: the induction threshold ${threshold}`] },
    width: 520,
    height: 260,
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'step', type: 'quantitative', title: 'Training step' },
          y: { field: 'value', type: 'quantitative', title: 'Score', scale: { domain: [0, 1] } },
          color: { field: 'series', type: 'nominal', title: null },
          tooltip: [{ field: 'series' }, { field: 'step' }, { field: 'value', format: '.3f' }],
        },
      },
      { data: { values: [{ threshold }] }, mark: { type: 'rule', strokeDash: [4, 4], color: colors.label }, encoding: { y: { field: 'threshold', type: 'quantitative' } } },
    ],
    config: chartConfig,
  } as TopLevelSpec;
}
