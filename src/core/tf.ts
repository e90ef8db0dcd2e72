// TensorFlow's settings before its C library loads (see tensorflow-env.ts).
import './tensorflow-env';
import * as tf from '@tensorflow/tfjs-node';

/** The one tfjs instance the project uses: native TensorFlow through tfjs-node. */
export { tf };
