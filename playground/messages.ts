/** What the page and its training worker say to each other. */
import type { TopLevelSpec } from 'vega-lite';
import type { PlaygroundSettings } from '../src/notebook/playground-element';

export interface TrainRequest {
  kind: 'train';
  settings: PlaygroundSettings;
}

export type WorkerMessage =
  /** tfjs is ready: the run begins, on this backend. */
  | { kind: 'started'; backend: string }
  | { kind: 'epoch'; log: string[]; attentionChart: TopLevelSpec; curves: TopLevelSpec }
  | { kind: 'done'; attention: number[]; valAcc: number; seconds: number }
  /** The library's own message (e.g. a setting out of range); nothing was trained. */
  | { kind: 'error'; message: string };
