/**
 * Seeded next-token tasks whose answer positions are known, for Transformers:
 * - repeat: random tokens, then a segment A and A again — `prefix · A · A`, with A's tokens
 *   distinct and A's length and the prefix's drawn per sequence (so that no fixed offset solves it).
 *   In the second A every next token can be read off the first: copy the token after the earlier
 *   occurrence of the current one (what an induction head does).
 * - recall (associative recall): key/value pairs `k₁ v₁ k₂ v₂ … kₙ vₙ`, then one of the keys; the
 *   answer is its value. Keys come from the first half of the vocabulary, values from the second.
 *
 * x is the sequence, y the next token at every position (x shifted by one). For every query
 * position the target attention patterns are computed from the tokens themselves:
 *   previous token: t − 1;
 *   duplicate token: the latest earlier position holding the same token;
 *   induction: the position right after that one (whose token the next one should copy).
 */
import { randomSeed, seededRandom, type Random } from '../core/random';
import { tf } from '../core/tf';
import { requireInteger } from '../core/validate';

export const tokenTasks = ['repeat', 'recall'] as const;
/** One of tokenTasks: "repeat" or "recall". */
export type TokenTask = (typeof tokenTasks)[number];

export const targetPatterns = ['previous', 'duplicate', 'induction'] as const;
export type TargetPattern = (typeof targetPatterns)[number];

export interface TokenTaskProvenance {
  task: TokenTask;
  n: number;
  length: number;
  vocabulary: number;
  seed: number;
}

/** A seeded token task's sequences, their answers, and the positions and patterns they are scored on. */
export interface TokenTaskData {
  /** Token ids [n, length], int32. Owned by this object: call dispose(). */
  x: tf.Tensor2D;
  /** The next token at every position [n, length], int32. */
  y: tf.Tensor2D;
  /** 1 where a prediction is trained on: every position for repeat, the answer for recall. */
  mask: tf.Tensor2D;
  /** The same ids as x, row-major, for read-outs in JavaScript. */
  tokens: Int32Array;
  /**
   * 1 at the positions whose next token can only be known from the context (the second A; the
   * recall's query): where in-context accuracy is measured and heads are scored.
   */
  inContext: Uint8Array;
  /** repeat: 1 at the positions of the first A, whose next token the context does not give. */
  firstOccurrence: Uint8Array;
  /** Per pattern, [n × length] row-major: the target position of each query position, −1 where none. */
  targets: Record<TargetPattern, Int32Array>;
  /** Where each in-context prediction's answer comes from (the induction target), −1 elsewhere. */
  source: Int32Array;
  /** How the data set was made: the task, its size, length, vocabulary and seed. */
  task: TokenTaskProvenance;
  /** Disposes of x, y and mask. */
  dispose(): void;
}

interface Sequence {
  /** length + 1 tokens: x is the first `length`, y the last. */
  tokens: number[];
  /** Positions of x whose next token is in-context. */
  inContext: number[];
  firstOccurrence: number[];
}

/** `count` distinct ids drawn from [from, from + range). */
function distinct(random: Random, count: number, from: number, range: number): number[] {
  const pool = Array.from({ length: range }, (_, i) => from + i);
  for (let i = 0; i < count; i++) {
    const j = i + random.int(range - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

const minimumSegment = 4;

/** The longest repeated segment a sequence of `length` (+ 1) tokens can hold, A's tokens distinct. */
export const longestSegment = (length: number, vocabulary: number) => Math.min(Math.floor((length + 1) / 2), vocabulary);

function repeatSequence(random: Random, length: number, vocabulary: number, shortest: number): Sequence {
  const longest = longestSegment(length, vocabulary);
  const segment = shortest + random.int(longest - shortest + 1);
  const prefix = length + 1 - 2 * segment;
  const a = distinct(random, segment, 0, vocabulary);
  const tokens = [...Array.from({ length: prefix }, () => random.int(vocabulary)), ...a, ...a];
  // Position t predicts token t + 1: from the second A's first token on, the next token repeats.
  const inContext = Array.from({ length: segment }, (_, i) => prefix + segment + i).filter((t) => t < length);
  const firstOccurrence = Array.from({ length: segment - 1 }, (_, i) => prefix + i);
  return { tokens, inContext, firstOccurrence };
}

function recallSequence(random: Random, length: number, vocabulary: number): Sequence {
  const keyRange = Math.floor(vocabulary / 2);
  const pairs = Math.min(Math.floor((length - 1) / 2), keyRange);
  const keys = distinct(random, pairs, 0, keyRange);
  const values = Array.from({ length: pairs }, () => keyRange + random.int(vocabulary - keyRange));
  const filler = Array.from({ length: length - 1 - 2 * pairs }, () => keyRange + random.int(vocabulary - keyRange));
  const asked = random.int(pairs);
  const tokens = [...filler, ...keys.flatMap((key, i) => [key, values[i]]), keys[asked], values[asked]];
  return { tokens, inContext: [length - 1], firstOccurrence: [] };
}

/** The three target patterns of one sequence's first `length` tokens, written into the arrays at `offset`. */
function writeTargets(tokens: ArrayLike<number>, length: number, targets: Record<TargetPattern, Int32Array>, offset: number): void {
  const lastSeen = new Map<number, number>();
  for (let t = 0; t < length; t++) {
    const earlier = lastSeen.get(tokens[t]);
    targets.previous[offset + t] = t - 1;
    targets.duplicate[offset + t] = earlier ?? -1;
    targets.induction[offset + t] = earlier === undefined ? -1 : earlier + 1;
    lastSeen.set(tokens[t], t);
  }
}

/** The target patterns of token sequences [n × length] row-major (e.g. a held-out set's). */
export function targetsOf(tokens: ArrayLike<number>, n: number, length: number): Record<TargetPattern, Int32Array> {
  const targets = Object.fromEntries(targetPatterns.map((p) => [p, new Int32Array(n * length)])) as Record<TargetPattern, Int32Array>;
  for (let i = 0; i < n; i++) writeTargets(Array.prototype.slice.call(tokens, i * length, (i + 1) * length), length, targets, i * length);
  return targets;
}

export interface TokenTaskOptions {
  task: TokenTask;
  n: number;
  length: number;
  vocabulary: number;
  /** repeat: the shortest segment A (drawn per sequence up to the longest that fits); by default 4. */
  shortestSegment?: number;
  seed?: number;
}

/** A seeded data set of one task; the same seed gives the same sequences. */
export function getTokenTaskData({ task, n, length, vocabulary, shortestSegment = minimumSegment, seed = randomSeed() }: TokenTaskOptions): TokenTaskData {
  if (!tokenTasks.includes(task)) throw new RangeError(`task must be one of ${tokenTasks.map((t) => `"${t}"`).join(', ')}, got ${JSON.stringify(task)}`);
  requireInteger('n', n, 1);
  requireInteger('length', length, task === 'repeat' ? 2 * minimumSegment : 3);
  requireInteger('vocabulary', vocabulary, task === 'repeat' ? minimumSegment : 4);
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
  if (task === 'repeat') requireInteger('shortestSegment', shortestSegment, minimumSegment, longestSegment(length, vocabulary));
  const random = seededRandom(seed);
  const make = task === 'repeat'
    ? (r: Random) => repeatSequence(r, length, vocabulary, shortestSegment)
    : (r: Random) => recallSequence(r, length, vocabulary);
  const [xs, ys, mask] = [new Int32Array(n * length), new Int32Array(n * length), new Float32Array(n * length)];
  const [inContext, firstOccurrence] = [new Uint8Array(n * length), new Uint8Array(n * length)];
  for (let i = 0; i < n; i++) {
    const sequence = make(random);
    const offset = i * length;
    for (let t = 0; t < length; t++) {
      xs[offset + t] = sequence.tokens[t];
      ys[offset + t] = sequence.tokens[t + 1];
      if (task === 'repeat') mask[offset + t] = 1;
    }
    for (const t of sequence.inContext) {
      inContext[offset + t] = 1;
      if (task === 'recall') mask[offset + t] = 1;
    }
    for (const t of sequence.firstOccurrence) firstOccurrence[offset + t] = 1;
  }
  const targets = targetsOf(xs, n, length);
  const source = targets.induction.map((target, i) => (inContext[i] === 1 ? target : -1));
  const x = tf.tensor2d(xs, [n, length], 'int32');
  const y = tf.tensor2d(ys, [n, length], 'int32');
  const maskTensor = tf.tensor2d(mask, [n, length]);
  return {
    x, y, mask: maskTensor, tokens: xs, inContext, firstOccurrence, targets, source,
    task: { task, n, length, vocabulary, seed },
    dispose: () => tf.dispose([x, y, maskTensor]),
  };
}
