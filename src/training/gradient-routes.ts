/**
 * Which gradient route train() takes for a model. A fast route is written for one network and is
 * attached to the model by the code that builds that network, never guessed from layer names.
 * Models without one go through tfjs's tape.
 */
import { tf } from '../core/tf';
import { type GradientFunction, tapeGradients } from './tape-gradients';

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

/** The attached route if it still applies to the model, otherwise the tape. */
export function gradientFunction(model: tf.LayersModel): { route: string; gradientsOf: GradientFunction } {
  const attached = attachedGradientRoute(model);
  const gradientsOf = attached?.build(model);
  if (attached !== undefined && gradientsOf !== undefined) return { route: attached.name, gradientsOf };
  return { route: tapeRouteName, gradientsOf: tapeGradients(model) };
}
