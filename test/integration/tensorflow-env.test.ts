import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../runner/paths';

const tfModule = path.join(projectRoot, 'build', 'src', 'core', 'tf.js');

/** In a fresh Node process: the thread settings TensorFlow saw, and the process's threads after one op. */
function threadsAfterOneOp(extraEnv: Record<string, string>): { intraOp: string; interOp: string; threads: number } {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  if (!('TF_NUM_INTRAOP_THREADS' in extraEnv)) delete env.TF_NUM_INTRAOP_THREADS;
  if (!('TF_NUM_INTEROP_THREADS' in extraEnv)) delete env.TF_NUM_INTEROP_THREADS;
  const script = `const { tf } = require(${JSON.stringify(tfModule)});
tf.add(tf.scalar(1), tf.scalar(2)).dataSync();
console.log(JSON.stringify({ intraOp: process.env.TF_NUM_INTRAOP_THREADS, interOp: process.env.TF_NUM_INTEROP_THREADS,
  threads: require('node:fs').readdirSync('/proc/self/task').length }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' }).trim().split('\n').pop() as string);
}

test('TensorFlow runs each op on one thread unless the environment already says otherwise (README, Benchmarks)', () => {
  const ours = threadsAfterOneOp({});
  assert.deepEqual([ours.intraOp, ours.interOp], ['1', '1']);
  const users = threadsAfterOneOp({ TF_NUM_INTRAOP_THREADS: '4', TF_NUM_INTEROP_THREADS: '4' });
  assert.deepEqual([users.intraOp, users.interOp], ['4', '4']);
  // TensorFlow itself follows the setting: its thread pools grow with it.
  assert.ok(users.threads > ours.threads, `${users.threads} threads with 4 per pool, ${ours.threads} with 1`);
});
