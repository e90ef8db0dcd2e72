/**
 * Ops recorded as they run and replayed as one TensorFlow graph (src/core/tensorflow-graph.ts,
 * written as a SavedModel by src/core/graph-proto.ts): the graph computes what the ops computed,
 * on new inputs too; it refuses a tensor it cannot know; a graph already loaded is not loaded
 * again; nothing is left behind.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tf } from '../src/core/tf';
import { GraphRecording } from '../src/core/tensorflow-graph';
import { type RawTensor, type TensorFlowOps, tensorFlowGraphsRun, tensorFlowOpsRun, withTensorFlowOps } from '../src/core/tensorflow-ops';
import { getTokenTaskData } from '../src/data/token-tasks';
import { transformerBackprop } from '../src/models/transformer/backprop';
import { buildTransformer } from '../src/models/transformer/model';
import { objectiveOf } from '../src/training/objectives';
import { assertAgreesWithTape } from './helpers/tape-agreement';

const binding = () => (tf.backend() as unknown as { binding: { getNumOfTensors(): number; getNumOfSavedModels(): number } }).binding;

/** softmax(a · b + bias) summed over rows, and a transposed: float ops with attributes, int32 arguments and a float constant. */
function computation(ops: TensorFlowOps, [a, b]: RawTensor[]): RawTensor[] {
  const scores = ops.add(ops.mul(ops.matMul2d(a, b, false, true), ops.scalar(0.5)), ops.tensor(Float32Array.of(1, -1, 2), [3]));
  return [ops.sum(ops.softmax(scores), [0]), ops.transpose(a, [1, 0])];
}

const values = (ops: TensorFlowOps, outputs: RawTensor[]) => outputs.map((output) => Array.from(ops.read(output)));

describe('a graph traced from ops', () => {
  test('computes what the ops computed, on the traced inputs and on new ones', () => {
    // Once before counting: the int32 arguments (axes, permutations) are made once and kept for the process.
    withTensorFlowOps((ops) => computation(ops, [ops.tensor(new Float32Array(4), [2, 2]), ops.tensor(new Float32Array(6), [3, 2])]));
    const tensorsBefore = binding().getNumOfTensors();
    withTensorFlowOps((ops) => {
      const recording = new GraphRecording();
      ops.record(recording);
      const inputs = [ops.tensor(Float32Array.of(1, 2, 3, 4), [2, 2]), ops.tensor(Float32Array.of(0.5, -1, 2, 0, 1, 3), [3, 2])];
      const eager = computation(ops, inputs);
      ops.record(undefined);
      const graph = recording.compile(inputs, eager);
      assert.deepEqual(values(ops, graph.run(ops, inputs)), values(ops, eager));

      const fresh = [ops.tensor(Float32Array.of(-2, 0.25, 7, 1), [2, 2]), ops.tensor(Float32Array.of(1, 1, -3, 2, 0.5, 0), [3, 2])];
      const [opsBefore, graphsBefore] = [tensorFlowOpsRun(), tensorFlowGraphsRun()];
      const replayed = values(ops, graph.run(ops, fresh));
      assert.equal(tensorFlowOpsRun(), opsBefore, 'no op run one by one');
      assert.equal(tensorFlowGraphsRun(), graphsBefore + 1, 'one graph call');
      assert.deepEqual(replayed, values(ops, computation(ops, fresh)));
    });
    assert.equal(binding().getNumOfTensors(), tensorsBefore, 'no handle left behind');
  });

  test('is loaded into a session once: the same graph traced again reuses it', () => {
    const trace = () => withTensorFlowOps((ops) => {
      const recording = new GraphRecording();
      ops.record(recording);
      const inputs = [ops.tensor(Float32Array.of(3, 1, 4, 1), [2, 2]), ops.tensor(Float32Array.of(5, 9, 2, 6, 5, 3), [3, 2])];
      recording.compile(inputs, computation(ops, inputs));
    });
    trace();
    const sessions = binding().getNumOfSavedModels();
    trace();
    assert.equal(binding().getNumOfSavedModels(), sessions);
  });

  test('refuses an op input it cannot know, and an output no op made', () => {
    const outside = tf.tensor2d([[1, 2], [3, 4]]);
    withTensorFlowOps((ops) => {
      const known = ops.of(outside); // read before the recording: the graph knows neither its value nor its place
      const recording = new GraphRecording();
      ops.record(recording);
      const input = ops.tensor(Float32Array.of(1, 0, 0, 1), [2, 2]);
      const product = ops.matMul2d(input, known);
      ops.record(undefined);
      assert.throws(() => recording.compile([input], [product]), /an op of the graph reads a tensor that is neither an input nor a constant/);
      assert.throws(() => recording.compile([input, known], [input]), /graph input 1 was not made while recording/);
    });
    outside.dispose();
  });
});

describe('the Transformer route as one graph', () => {
  test('after the first batch of a size, each step is one graph call, and its gradients still equal the tape\'s', () => {
    const model = buildTransformer({ vocabulary: 12, length: 10, layers: 2, heads: 2, width: 8, seed: 5 });
    const objective = objectiveOf(model);
    const batch = (seed: number) => {
      const data = getTokenTaskData({ task: 'repeat', n: 6, length: 10, vocabulary: 12, seed });
      const labels = objective.labels(model, data);
      return { data, labels };
    };
    const route = transformerBackprop(model);
    assert.ok(route);
    const first = batch(1);
    tf.tidy(() => { route(first.data.x, first.labels); });
    const second = batch(2);
    const [opsBefore, graphsBefore] = [tensorFlowOpsRun(), tensorFlowGraphsRun()];
    tf.tidy(() => { route(second.data.x, second.labels); });
    assert.equal(tensorFlowOpsRun(), opsBefore, 'no op run one by one');
    assert.equal(tensorFlowGraphsRun(), graphsBefore + 1, 'one graph call');
    // A route whose graph is already traced for this batch size, against the tape on new data.
    assertAgreesWithTape(model, () => route, { x: second.data.x, y: second.labels }, 1e-5, objective.loss);
    for (const { data, labels } of [first, second]) {
      data.dispose();
      labels.dispose();
    }
    model.dispose();
  });

  test('where the graph cannot be written (no temporary folder), the route warns once and runs its ops one by one', () => {
    // A shape no other test uses: its graph has no session yet, so it must be written to disk.
    const model = buildTransformer({ vocabulary: 9, length: 11, layers: 1, heads: 3, width: 6, seed: 2 });
    const objective = objectiveOf(model);
    const data = getTokenTaskData({ task: 'repeat', n: 4, length: 11, vocabulary: 9, shortestSegment: 4, seed: 3 });
    const labels = objective.labels(model, data);
    const route = transformerBackprop(model);
    assert.ok(route);
    const warnings: string[] = [];
    const [warn, temporary] = [console.warn, process.env.TMPDIR];
    console.warn = (message: string) => { warnings.push(message); };
    process.env.TMPDIR = '/nonexistent/attention-lab';
    try {
      assertAgreesWithTape(model, () => route, { x: data.x, y: labels }, 1e-5, objective.loss);
      const opsBefore = tensorFlowOpsRun();
      tf.tidy(() => { route(data.x, labels); });
      assert.ok(tensorFlowOpsRun() > opsBefore, 'the ops run one by one');
    } finally {
      console.warn = warn;
      if (temporary === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = temporary;
    }
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /the Transformer route's step could not run as one TensorFlow graph \(ENOENT.*\); it runs its ops one by one/);
    data.dispose();
    labels.dispose();
    model.dispose();
  });
});
