/**
 * The induction circuit read off head scores, heads ablated together (checked against an edit of
 * the weights), the seeds a reliability check trains, and the prose for what each found.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tf } from '../src/core/tf';
import { getTokenTaskData, targetPatterns } from '../src/data/token-tasks';
import { buildTransformer } from '../src/models/transformer/model';
import type { HeadScore } from '../src/readout/head-scores';
import { findInductionCircuit } from '../src/studies/transformer/circuit';
import { describeAblation, describeSeedChecks } from '../src/studies/transformer/describe';
import { ablateHeads, ablateTogether } from '../src/studies/transformer/interventions';
import { checkSeeds, type SeedCheck } from '../src/studies/transformer/seed-checks';

const share = (previous: number) => Object.fromEntries(targetPatterns.map((p) => [p, p === 'previous' ? previous : 0.1])) as HeadScore['shares'];
const score = (layer: number, head: number, prefixMatching: number, previous = 0.1): HeadScore => ({
  layer, head, shares: share(previous), uniformShares: share(0.1), prefixMatching, uniformPrefixMatching: 0.04,
});

describe('the induction circuit', () => {
  it('names the last layer\'s heads at the threshold, best first, and the most previous-token-like earlier head', () => {
    const scores = [score(0, 0, 0.01, 0.7), score(0, 1, 0.6, 0.2), score(1, 0, 0.55), score(1, 1, 0.9)];
    const circuit = findInductionCircuit(scores, 2);
    assert.deepEqual(circuit.inductionHeads.map((h) => [h.layer, h.head]), [[1, 1], [1, 0]]);
    assert.deepEqual([circuit.previousTokenHead?.layer, circuit.previousTokenHead?.head], [0, 0]);
  });

  it('finds none where no head reaches the threshold, and no previous-token head in a one-block model', () => {
    assert.deepEqual(findInductionCircuit([score(0, 0, 0.2, 0.4), score(1, 0, 0.49)], 2), { inductionHeads: [], previousTokenHead: undefined });
    assert.equal(findInductionCircuit([score(0, 0, 0.8, 0.9)], 1).previousTokenHead, undefined);
    assert.throws(() => findInductionCircuit([], 0), /layers must be an integer >= 1, got 0/);
  });
});

describe('heads ablated together', () => {
  const small = { vocabulary: 12, length: 10, layers: 2, heads: 2, width: 8 } as const;

  it('zeroing two heads equals the model with both heads\' slices of the output kernels zeroed; one head equals ablateHeads\'', () => {
    const model = buildTransformer({ ...small, seed: 11 });
    const edited = buildTransformer({ ...small, seed: 11 });
    const data = getTokenTaskData({ task: 'repeat', n: 32, length: 10, vocabulary: 12, seed: 11 });
    const zeroHead = (layerName: string, head: number) => {
      const [q, k, output, bias] = edited.getLayer(layerName).getWeights();
      const kept = tf.tidy(() => output.mul(tf.oneHot(head, 2).reshape([2, 1, 1]).sub(1).neg()));
      edited.getLayer(layerName).setWeights([q, k, kept, bias]);
      kept.dispose();
    };
    zeroHead('block1_attention', 0);
    zeroHead('block2_attention', 1);
    const before = tf.memory().numTensors;
    const together = ablateTogether(model, data, [{ layer: 0, head: 0 }, { layer: 1, head: 1 }], 'zero');
    assert.deepEqual(together.scores, ablateHeads(edited, data, 'zero').intact);
    const one = ablateTogether(model, data, [{ layer: 1, head: 0 }], 'mean');
    assert.deepEqual(one.scores, ablateHeads(model, data, 'mean').heads[2].scores);
    assert.equal(tf.memory().numTensors, before);
    assert.throws(() => ablateTogether(model, data, [], 'zero'), /heads must name at least one head to ablate/);
    assert.throws(() => ablateTogether(model, data, [{ layer: 0, head: 1 }, { layer: 0, head: 1 }], 'zero'), /heads must not name a head twice/);
    assert.throws(() => ablateTogether(model, data, [{ layer: 0, head: 2 }], 'zero'), /head must be an integer in \[0, 1\], got 2/);
    data.dispose();
    model.dispose();
    edited.dispose();
  });
});

describe('seed checks', () => {
  it('checks the next seeds, wrapping at 2³², and refuses bad counts by the parameter\'s name', () => {
    assert.deepEqual(checkSeeds(42, 2), [43, 44]);
    assert.deepEqual(checkSeeds(2 ** 32 - 1, 2), [0, 1]);
    assert.deepEqual(checkSeeds(7, 0), []);
    assert.throws(() => checkSeeds(7, -1), /seed_checks must be an integer >= 0, got -1/);
    assert.throws(() => checkSeeds(-1, 1), /seed must be an integer in \[0, 4294967295\], got -1/);
  });
});

describe('the prose', () => {
  const scores = { accuracy: 0.98, loss: 0.1, firstOccurrenceLoss: 3, iclScore: -2.9 };
  const at = (accuracy: number) => ({ ...scores, accuracy });
  const study = {
    kind: 'zero' as const, intact: scores,
    heads: [{ layer: 0, head: 0, a: 0.17 }, { layer: 0, head: 1, a: 0.97 }, { layer: 1, head: 0, a: 0.77 }, { layer: 1, head: 1, a: 0.64 }]
      .map(({ layer, head, a }) => ({ layer, head, kind: 'zero' as const, scores: at(a), accuracyDrop: 0.98 - a })),
  };
  const circuit = findInductionCircuit([score(0, 0, 0, 0.68), score(0, 1, 0.07), score(1, 0, 0.91), score(1, 1, 0.93)], 2);

  it('names each head\'s role, costliest first, and the induction heads ablated together', () => {
    const together = { heads: [{ layer: 1, head: 1 }, { layer: 1, head: 0 }], kind: 'zero' as const, scores: at(0.05), accuracyDrop: 0.93 };
    assert.equal(describeAblation(study, circuit, together),
      'With every head intact the in-context accuracy on the repeat is 98 %. With one head zeroed at a time, costliest first: '
      + 'layer 1, head 1 (the previous-token head the induction heads read) 17 % (81 points); layer 2, head 2 (an induction head) 64 % (34 points); '
      + 'layer 2, head 1 (an induction head) 77 % (21 points); layer 1, head 2 97 % (1 point). '
      + 'With layer 2, head 2 and layer 2, head 1 zeroed together it is 5 % (93 points): the induction heads share the work, and either alone still copies.');
    assert.doesNotMatch(describeAblation(study, circuit), /together/);
  });

  it('says in how many seeds the head formed, and when none did', () => {
    const check = (seed: number, prefixMatching: number, formationStep: number | null, ablatedAccuracy: number): SeedCheck => ({
      seed, steps: 1000, best: { layer: 1, head: 1, prefixMatching }, inductionHeads: prefixMatching >= 0.5 ? 1 : 0, formationStep,
      inContextAccuracy: 0.98, ablatedAccuracy, trainingSeconds: 10,
    });
    assert.equal(describeSeedChecks([check(42, 0.9, 550, 0.08), check(43, 0.93, 650, 0.05), check(44, 0.2, null, 0.9)]),
      'With seeds 42, 43, 44 (the notebook\'s seed first, each with its own data and weights) an induction head formed in 2 of 3 runs '
      + '(best prefix matching 0.90–0.93, first at the threshold after 550–650 steps); ablating those runs\' induction heads took the in-context '
      + 'accuracy on the repeat from 98 % to 5–8 %.');
    assert.equal(describeSeedChecks([check(42, 0.2, null, 0.9), check(43, 0.1, null, 0.9)]), 'With seeds 42, 43, no run formed an induction head within 1000 steps.');
    assert.equal(describeSeedChecks([check(42, 0.9, 550, 0.08)]), 'No other seed was checked (seed_checks is 0).');
  });
});
