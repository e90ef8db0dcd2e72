/**
 * Which gradient route train() takes for a model. A fast route is written for one network and is
 * attached to the model by the code that builds that network, never guessed from layer names. On
 * the first batch of every run it is checked against tfjs's tape, the general route; if the two
 * disagree (an edit to the network that the fast route does not follow), the run says so and
 * takes the tape. Models without a fast route go through the tape.
 */
import { tf } from '../core/tf';
import { type BatchGradients, type BatchLoss, type GradientFunction, tapeGradients } from './tape-gradients';

export interface GradientRoute {
  /** Shown to the user, e.g. "dense attention, by hand". */
  name: string;
  /** The route for this model, or undefined when the model no longer fits it (e.g. a layer frozen since). */
  build(model: tf.LayersModel): GradientFunction | undefined;
}

// A symbol property on the model itself, so the attachment survives a rebuilt, re-imported library.
const routeKey = Symbol.for('attention-lab.gradient-route');
type WithRoute = tf.LayersModel & { [routeKey]?: GradientRoute };

/** Called by a model's builder: `train()` may use `route` for this model. */
export function attachGradientRoute(model: tf.LayersModel, route: GradientRoute): void {
  (model as WithRoute)[routeKey] = route;
}

export function attachedGradientRoute(model: tf.LayersModel): GradientRoute | undefined {
  return (model as WithRoute)[routeKey];
}

export const tapeRouteName = "tfjs's tape";

/**
 * Agreement with the tape, element by element: |fast − tape| ≤ absolute + relative · |tape|.
 * Both compute the same float32 sums in another order (about 1e-7 relative apart); a route that
 * no longer matches the network is off by orders of magnitude more.
 */
export const routeTolerance = { absolute: 1e-6, relative: 1e-4 } as const;

/** How the attached fast gradient route compared with tfjs's tape on a run's first batch. */
export interface RouteCheck {
  /** The fast route that was checked. */
  route: string;
  /** The largest |fast − tape| over every gradient and the output, on the first batch. */
  maxDifference: number;
  /** Whether every element was within routeTolerance. */
  agreed: boolean;
}

/** How a run's gradients were computed: in the returned history and in the notebook's progress. */
export interface RouteReport {
  /** The route every step used, e.g. "dense attention, by hand" or "tfjs's tape". */
  name: string;
  /** The first batch's comparison of the attached fast route with the tape, if there was one to check. */
  check?: RouteCheck;
  /** Why the tape ran although a fast route is attached. */
  fallback?: string;
}

export interface SelectedGradients {
  gradientsOf: GradientFunction;
  /** Final once the first batch has run. */
  report(): RouteReport;
}

/** The gradients for a run: the attached fast route, checked against the tape on the first call; or the tape. */
export function selectGradients(model: tf.LayersModel, { forceTape = false, loss }: { forceTape?: boolean; loss?: BatchLoss } = {}): SelectedGradients {
  const tape = tapeGradients(model, loss);
  const attached = attachedGradientRoute(model);
  if (attached === undefined) return settled(tape, { name: tapeRouteName });
  if (forceTape) return settled(tape, { name: tapeRouteName, fallback: 'the tape was asked for (gradients: "tape")' });
  let fast: GradientFunction | undefined;
  try {
    fast = attached.build(model);
  } catch (error) {
    return settled(tape, { name: tapeRouteName, fallback: `${attached.name} does not fit this model: ${(error as Error).message}` });
  }
  if (fast === undefined) {
    return settled(tape, { name: tapeRouteName, fallback: `${attached.name} does not fit this model (its layers or trainable weights changed)` });
  }

  let report: RouteReport | undefined;
  let current = fast;
  const checkedFast = fast;
  const firstCall: GradientFunction = (x, y) => {
    const fromFast = checkedFast(x, y);
    const fromTape = tape(x, y);
    const maxDifference = largestDifference(fromFast, fromTape);
    const check: RouteCheck = { route: attached.name, maxDifference: maxDifference.value, agreed: maxDifference.withinTolerance };
    if (check.agreed) {
      report = { name: attached.name, check };
      disposeGradients(fromTape);
      current = checkedFast;
      return fromFast;
    }
    report = { name: tapeRouteName, check, fallback: `${attached.name} disagreed with the tape on the first batch` };
    console.warn(`attention-lab: the gradients of "${attached.name}" differ from tfjs's tape by up to ${maxDifference.value.toExponential(2)} `
      + `on the first batch (more than ${routeTolerance.absolute} + ${routeTolerance.relative}·|tape|): the network no longer matches `
      + 'what that route was written for. Training goes on through the tape.');
    disposeGradients(fromFast);
    current = tape;
    return fromTape;
  };
  let called = false;
  return {
    gradientsOf: (x, y) => {
      if (called) return current(x, y);
      called = true;
      return firstCall(x, y);
    },
    report: () => report ?? { name: attached.name },
  };
}

function settled(gradientsOf: GradientFunction, report: RouteReport): SelectedGradients {
  return { gradientsOf, report: () => report };
}

function largestDifference(a: BatchGradients, b: BatchGradients): { value: number; withinTolerance: boolean } {
  const pairs: [tf.Tensor, tf.Tensor][] = [[a.probabilities, b.probabilities], ...a.gradients.map((g, i): [tf.Tensor, tf.Tensor] => [g, b.gradients[i]])];
  let value = 0;
  let withinTolerance = a.gradients.length === b.gradients.length;
  for (const [fast, tape] of pairs) {
    if (fast === undefined || tape === undefined || fast.size !== tape.size) return { value: Infinity, withinTolerance: false };
    const comparison = compareWithTape(fast.dataSync(), tape.dataSync());
    value = Math.max(value, comparison.largest); // a NaN sticks
    if (!comparison.agreed) withinTolerance = false;
  }
  return { value, withinTolerance };
}

/** The largest |fast − tape| over two arrays of the same length, and whether every element is within routeTolerance. */
export function compareWithTape(fast: ArrayLike<number>, tape: ArrayLike<number>): { largest: number; agreed: boolean } {
  let largest = 0;
  let agreed = true;
  for (let i = 0; i < fast.length; i++) {
    const difference = Math.abs(fast[i] - tape[i]);
    // NaN fails the comparison below, as it should.
    if (!(difference <= routeTolerance.absolute + routeTolerance.relative * Math.abs(tape[i]))) agreed = false;
    largest = Math.max(largest, difference); // a NaN sticks
  }
  return { largest, agreed };
}

function disposeGradients({ probabilities, gradients }: BatchGradients): void {
  tf.dispose([probabilities, ...gradients]);
}
