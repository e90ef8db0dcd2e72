/** Shapes shared across modules: what training, read-outs and sweeps produce, and plots/tables consume. */

/** Per-epoch metrics, named as Keras names them. */
export interface TrainingHistory {
  loss: number[];
  acc: number[];
  val_loss: number[];
  val_acc: number[];
}

/** An attention layer's output averaged over samples: one entry per input column (or time step). */
export interface AttentionSummary {
  layerName: string;
  mean: number[];
  std: number[];
  samples: number;
}

/** One trained model of a sweep over (attention column, seed). */
export interface SweepRun {
  attentionColumn: number;
  seed: number;
  attention: AttentionSummary;
  valAcc: number;
  /** Whether the column with the most attention is the label's column. */
  hit: boolean;
}

/** The MIME type under which a notebook publishes its key figures; `attention-lab export` collects them into <name>.results.json. */
export const resultsMimeType = 'application/vnd.attention-lab.results+json';
