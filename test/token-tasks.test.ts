/** The token tasks, their target patterns, and the scores computed from hand-made attention patterns. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getTokenTaskData, targetsOf } from '../src/data/token-tasks';
import { bestInductionHead, scoreHeads } from '../src/readout/head-scores';
import { inContextScores } from '../src/readout/in-context';
import { attentionRollout, rawAttention, scoreAgainstSource } from '../src/explain/token-attributions';
import { tf } from '../src/core/tf';

describe('token tasks', () => {
  it('repeat: prefix · A · A, with the next token of the repeat read off the first copy', () => {
    const data = getTokenTaskData({ task: 'repeat', n: 50, length: 20, vocabulary: 12, seed: 3 });
    const y = data.y.dataSync();
    for (let s = 0; s < 50; s++) {
      const row = Array.from(data.tokens.subarray(s * 20, (s + 1) * 20));
      const inRepeat = row.map((_, t) => data.inContext[s * 20 + t] === 1);
      assert.ok(inRepeat.filter(Boolean).length >= 3, 'a segment of at least 4 tokens leaves at least 3 in-context predictions');
      row.forEach((token, t) => {
        if (t > 0) assert.equal(y[s * 20 + t - 1], token, 'y is x shifted by one');
        if (!inRepeat[t]) return;
        const induction = data.targets.induction[s * 20 + t];
        // The induction target holds the next token, and sits right after the earlier occurrence of the current one.
        assert.equal(row[induction], y[s * 20 + t]);
        assert.equal(row[data.targets.duplicate[s * 20 + t]], token);
        assert.equal(data.source[s * 20 + t], induction);
      });
    }
    assert.deepEqual(Array.from(getTokenTaskData({ task: 'repeat', n: 50, length: 20, vocabulary: 12, seed: 3 }).tokens), Array.from(data.tokens), 'seeded');
    assert.ok(data.mask.sum().dataSync()[0] === 50 * 20, 'every position is trained on');
    data.dispose();
  });

  it('recall: the value of the asked key, its position the source', () => {
    const data = getTokenTaskData({ task: 'recall', n: 20, length: 9, vocabulary: 10, seed: 4 });
    const y = data.y.dataSync();
    for (let s = 0; s < 20; s++) {
      const row = data.tokens.subarray(s * 9, (s + 1) * 9);
      const source = data.source[s * 9 + 8];
      assert.equal(row[source - 1], row[8], 'the key before the source is the asked one');
      assert.equal(row[source], y[s * 9 + 8], 'the source holds the answer');
      assert.ok(row[8] < 5 && y[s * 9 + 8] >= 5, 'keys from the first half of the vocabulary, values from the second');
    }
    assert.equal(data.mask.sum().dataSync()[0], 20, 'only the answer is trained on');
    data.dispose();
  });

  it('computes the target patterns from the tokens', () => {
    // Tokens 5 7 5 7 9: position 2's duplicate is 0 (induction 1), position 3's is 1 (induction 2); 4 has none.
    const targets = targetsOf([5, 7, 5, 7, 9], 1, 5);
    assert.deepEqual(Array.from(targets.previous), [-1, 0, 1, 2, 3]);
    assert.deepEqual(Array.from(targets.duplicate), [-1, -1, 0, 1, -1]);
    assert.deepEqual(Array.from(targets.induction), [-1, -1, 1, 2, -1]);
  });

  it('names bad settings', () => {
    assert.throws(() => getTokenTaskData({ task: 'sort' as never, n: 1, length: 8, vocabulary: 8 }), /task must be one of "repeat", "recall"/);
    assert.throws(() => getTokenTaskData({ task: 'repeat', n: 0, length: 8, vocabulary: 8 }), /n must be an integer >= 1, got 0/);
    assert.throws(() => getTokenTaskData({ task: 'repeat', n: 1, length: 4, vocabulary: 8 }), /length must be an integer >= 8, got 4/);
    assert.throws(() => getTokenTaskData({ task: 'repeat', n: 1, length: 16, vocabulary: 8, shortestSegment: 9 }), /shortestSegment must be an integer in \[4, 8\], got 9/);
  });
});

/** One block, one sequence of 4 tokens, heads given as 4 × 4 matrices. */
const patterns = (layer: number, ...heads: number[][][]) => ({ layer, heads: heads.length, length: 4, sequences: 1, weights: Float32Array.from(heads.flat(2)) });

describe('head scores', () => {
  // Tokens 3 8 3 8: positions 2 and 3 repeat; induction targets 1 and 2.
  const targets = targetsOf([3, 8, 3, 8], 1, 4);
  const inContext = Uint8Array.from([0, 0, 1, 1]);
  const previousHead = [[1, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]];
  const inductionHead = [[1, 0, 0, 0], [0.5, 0.5, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]];
  const uniformHead = [[1, 0, 0, 0], [1 / 2, 1 / 2, 0, 0], [1 / 3, 1 / 3, 1 / 3, 0], [1 / 4, 1 / 4, 1 / 4, 1 / 4]];

  it('scores each head against each pattern, next to a uniform head', () => {
    const [previous, induction, uniform] = scoreHeads([patterns(0, previousHead, inductionHead, uniformHead)], { targets, inContext });
    assert.equal(previous.shares.previous, 1);
    // Positions 2 and 3 have the induction targets 1 and 2, which a previous-token head also looks at here.
    assert.equal(induction.prefixMatching, 1);
    assert.equal(induction.shares.previous, (0.5 + 1 + 1) / 3);
    assert.equal(induction.shares.duplicate, 0);
    // A uniform head gives 1/(t+1): positions 1, 2, 3 for the previous token; 2, 3 for the induction target.
    assert.ok(Math.abs(uniform.shares.previous - (1 / 2 + 1 / 3 + 1 / 4) / 3) < 1e-7);
    assert.ok(Math.abs(uniform.prefixMatching - uniform.uniformPrefixMatching) < 1e-7);
    assert.ok(Math.abs(uniform.uniformPrefixMatching - (1 / 3 + 1 / 4) / 2) < 1e-7);
    assert.equal(bestInductionHead([previous, induction, uniform]).head, 0, 'the first of equal heads');
  });

  it('refuses patterns of other sequences', () => {
    assert.throws(() => scoreHeads([patterns(0, previousHead)], { targets: targetsOf([1, 2, 3], 1, 3), inContext: new Uint8Array(3) }), /not of the same sequences/);
  });

  it('rolls attention out through the residual as Abnar & Zuidema, checked by hand', () => {
    // Two blocks of one head over 2 positions. Â = 0.5·A + 0.5·I: block 1 [[1, 0], [0.25, 0.75]], block 2 [[1, 0], [0.5, 0.5]].
    const block = (a: number[][]) => ({ layer: 0, heads: 1, length: 2, sequences: 1, weights: Float32Array.from(a.flat()) });
    const rollout = attentionRollout([block([[1, 0], [0.5, 0.5]]), block([[1, 0], [1, 0]])]);
    // Â₂ · Â₁ = [[1, 0], [0.5·1 + 0.5·0.25, 0.5·0.75]] = [[1, 0], [0.625, 0.375]].
    assert.deepEqual(Array.from(rollout.values), [1, 0, 0.625, 0.375]);
    assert.deepEqual(Array.from(rawAttention([block([[1, 0], [0.5, 0.5]]), block([[1, 0], [1, 0]])]).values), [1, 0, 1, 0]);
    const score = scoreAgainstSource(rollout, Int32Array.from([-1, 0]));
    assert.deepEqual(score, { method: 'rollout', share: 0.625, topRate: 1, uniformShare: 0.5, predictions: 1 });
  });

  it('measures in-context accuracy and the in-context learning score from logits', () => {
    // Two positions: the first (first occurrence) predicts wrongly, the second (in context) right.
    const logits = tf.tensor3d([[[0, 2, 0], [0, 0, 3]]]);
    const y = tf.tensor2d([[0, 2]], [1, 2], 'int32');
    const scores = inContextScores(logits, { y, inContext: Uint8Array.from([0, 1]), firstOccurrence: Uint8Array.from([1, 0]) });
    const logSumExp = (values: number[]) => Math.log(values.reduce((s, v) => s + Math.exp(v), 0));
    assert.equal(scores.accuracy, 1);
    assert.ok(Math.abs(scores.loss - (logSumExp([0, 0, 3]) - 3)) < 1e-6);
    assert.ok(Math.abs(scores.firstOccurrenceLoss - logSumExp([0, 2, 0])) < 1e-6);
    assert.ok(scores.iclScore < 0);
    tf.dispose([logits, y]);
  });
});
