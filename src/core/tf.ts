// Quiet TensorFlow's C library before it loads (see quiet-tensorflow.ts).
import './quiet-tensorflow';
import * as tf from '@tensorflow/tfjs-node';

/** The one tfjs instance the project uses: native TensorFlow through tfjs-node. */
export { tf };
