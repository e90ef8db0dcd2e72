/**
 * The setup behind `npm install` (the root package's postinstall): everything the notebooks need,
 * taken from the package registries only.
 *
 *   1. a project-local Python environment (.venv) with requirements.txt: Jupyter and tensorflow-cpu;
 *   2. native TensorFlow for @tensorflow/tfjs-node: its own installer downloads libtensorflow and a
 *      prebuilt addon from a cloud bucket, which offline and corporate machines cannot reach. We take
 *      the TensorFlow C library and headers from the tensorflow-cpu wheel instead, stage them where
 *      tfjs-node's binding.gyp looks (deps/lib, deps/include) and build the N-API addon with node-gyp;
 *   3. a start-up snapshot of tslab's compiler with the notebooks' declarations parsed and bound
 *      (runner/engine/compiler-snapshot), so that a kernel answers and imports the library sooner;
 *   4. the tslab kernel registered inside that Python environment, started by absolute paths;
 *   5. a git filter that strips outputs from notebooks when they are staged.
 *
 * Every step checks whether it is already done, so a second `npm install` is quick.
 */
import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compilerSnapshotFile } from '../runner/engine/compiler-snapshot/build-snapshot';
import { installOutputsFilter } from '../runner/lab/notebook-outputs-filter';
import { jupyterPython, projectRoot, tslabKernelName, venvDir } from '../runner/paths';
import { tensorflowEnv } from '../src/core/tensorflow-env';
import { ensureVenv } from './python-env';

const stepCount = 5;
let stepNumber = 0;

function step(title: string): void {
  stepNumber += 1;
  console.log(`\n[attention-lab setup ${stepNumber}/${stepCount}] ${title}`);
}

function run(command: string, args: string[], options: SpawnSyncOptions = {}): void {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`could not start ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(' ')} exited with status ${result.status}`);
  }
}

function capture(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(' ')} failed:\n${result.stderr}`);
  }
  return result.stdout.trim();
}

function setUpPython(): void {
  step('Python environment with Jupyter and tensorflow-cpu (requirements.txt)');
  if (process.env.ATTENTION_LAB_PYTHON) {
    console.log(`using ATTENTION_LAB_PYTHON=${process.env.ATTENTION_LAB_PYTHON}`);
  } else {
    const outcome = ensureVenv(venvDir, process.env.PYTHON ?? 'python3');
    console.log(`${path.relative(projectRoot, venvDir)}: ${outcome}`);
  }
  const python = jupyterPython();
  run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--progress-bar', 'off',
    '-r', path.join(projectRoot, 'requirements.txt')]);
}

const tfjsNodeDir = path.dirname(require.resolve('@tensorflow/tfjs-node/package.json'));

/** True when tfjs-node loads in a fresh process and runs on the native backend. */
function nativeBackendWorks(): boolean {
  const probe = "const tf = require('@tensorflow/tfjs-node'); process.stdout.write(tf.getBackend());";
  const result = spawnSync(process.execPath, ['-e', probe], {
    cwd: projectRoot, encoding: 'utf8', env: { ...process.env, ...tensorflowEnv },
  });
  return result.status === 0 && result.stdout === 'tensorflow';
}

function symlink(target: string, linkPath: string): void {
  fs.rmSync(linkPath, { force: true, recursive: true });
  fs.symlinkSync(target, linkPath);
}

/** Stage the wheel's libraries under the names binding.gyp links (-ltensorflow -ltensorflow_framework). */
function stageTensorflowFromWheel(): void {
  if (process.platform !== 'linux') {
    throw new Error(`building tfjs-node from the tensorflow-cpu wheel is set up for Linux only, not ${process.platform}`);
  }
  const wheelDir = capture(jupyterPython(), ['-c',
    "import importlib.util; print(importlib.util.find_spec('tensorflow').submodule_search_locations[0])"]);
  const depsDir = path.join(tfjsNodeDir, 'deps');
  const libDir = path.join(depsDir, 'lib');
  fs.mkdirSync(libDir, { recursive: true });
  symlink(path.join(wheelDir, 'include'), path.join(depsDir, 'include'));
  // The C API lives in libtensorflow_cc (TF_*/TFE_*) and libtensorflow_framework; the addon records
  // their sonames (*.so.2) and finds them through its rpath, $ORIGIN/../../deps/lib.
  for (const soname of ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']) {
    symlink(path.join(wheelDir, soname), path.join(libDir, soname));
  }
  symlink('libtensorflow_cc.so.2', path.join(libDir, 'libtensorflow.so'));
  symlink('libtensorflow_framework.so.2', path.join(libDir, 'libtensorflow_framework.so'));
  console.log(`staged TensorFlow ${capture(jupyterPython(), ['-c',
    "import importlib.metadata as m; print(m.version('tensorflow-cpu'))"])} from ${wheelDir}`);
}

function buildTfjsNodeAddon(): void {
  const nodePreGyp = require.resolve('@mapbox/node-pre-gyp/bin/node-pre-gyp', { paths: [tfjsNodeDir] });
  // node-gyp needs Node's headers; use the installed ones rather than downloading them.
  const env = { ...process.env };
  const bundledHeaders = path.resolve(process.execPath, '..', '..');
  if (!env.npm_config_nodedir && fs.existsSync(path.join(bundledHeaders, 'include', 'node', 'node_api.h'))) {
    env.npm_config_nodedir = bundledHeaders;
  }
  // Build only the N-API version that tfjs-node loads here (the highest this Node supports), not
  // all six it lists: node-pre-gyp expands `rebuild` into one build per listed version unless told
  // so, and an added --napi_build_version does not stop that.
  run(process.execPath, [nodePreGyp, 'rebuild', '--build-from-source', '--loglevel=warn',
    '--build-latest-napi-version-only'], { cwd: tfjsNodeDir, env });
}

function setUpNativeTensorflow(): void {
  step('native TensorFlow for @tensorflow/tfjs-node');
  if (nativeBackendWorks()) {
    console.log('tfjs-node already loads with the tensorflow backend');
    return;
  }
  stageTensorflowFromWheel();
  console.log('building the tfjs-node addon with node-gyp (about a minute)…');
  buildTfjsNodeAddon();
  if (!nativeBackendWorks()) {
    throw new Error('tfjs-node was built but does not load with the tensorflow backend; '
      + "run: node -e \"require('@tensorflow/tfjs-node')\" to see why");
  }
  console.log('tfjs-node loads with the tensorflow backend');
}

/** Without a snapshot the kernel still starts (runner/engine/start-kernel.sh), only slower: a warning, not a failure. */
function buildCompilerSnapshot(): void {
  step('start-up snapshot of tslab\'s compiler, with the notebooks\' declarations parsed (about 10 s)');
  fs.rmSync(compilerSnapshotFile, { force: true });
  try {
    run(process.execPath, [path.join(projectRoot, 'build', 'runner', 'engine', 'compiler-snapshot', 'build-snapshot.js')]);
  } catch (error) {
    console.warn(`warning: the kernel will start without a snapshot, a few seconds slower: ${(error as Error).message}`);
    return;
  }
  console.log(`${path.relative(projectRoot, compilerSnapshotFile)}: ${(fs.statSync(compilerSnapshotFile).size / 2 ** 20).toFixed(0)} MB`);
}

interface KernelSpec { argv: string[]; env?: Record<string, string>; [key: string]: unknown }

/**
 * `tslab install` writes a spec that starts `tslab` through PATH and a `#!/usr/bin/env node` line;
 * we start this project's kernel launcher (build/runner/engine/tslab-kernel.js: tslab with its
 * status messages in order) with this node by absolute path instead, from the compiler snapshot
 * where it loads (runner/engine/start-kernel.sh), and give the kernel the quiet-TensorFlow environment.
 */
function registerTslabKernel(): void {
  step('tslab kernel (TypeScript) inside the Python environment');
  const tslabBin = path.join(path.dirname(require.resolve('tslab/package.json')), 'bin', 'tslab');
  run(process.execPath, [tslabBin, 'install', '--python', jupyterPython(), '--sys-prefix']);
  const prefix = capture(jupyterPython(), ['-c', 'import sys; print(sys.prefix)']);
  const specPath = path.join(prefix, 'share', 'jupyter', 'kernels', tslabKernelName, 'kernel.json');
  const spec = JSON.parse(fs.readFileSync(specPath, 'utf8')) as KernelSpec;
  spec.argv = ['/bin/sh', path.join(projectRoot, 'runner', 'engine', 'start-kernel.sh'), process.execPath, compilerSnapshotFile,
    path.join(projectRoot, 'build', 'runner', 'engine', 'tslab-kernel.js'), ...spec.argv.slice(1)];
  spec.env = { ...spec.env, ...tensorflowEnv };
  fs.writeFileSync(specPath, `${JSON.stringify(spec, null, 2)}\n`);
  console.log(`kernel "${tslabKernelName}": ${specPath}`);
}

/** JupyterLab's autosave writes outputs into notebooks/; git stages them stripped (.gitattributes). */
function protectCommittedNotebooks(): void {
  step('git filter that strips notebook outputs when staging');
  console.log(installOutputsFilter(projectRoot)
    ? 'notebooks/*.ipynb are staged without outputs; your working copy keeps them'
    : 'not a git checkout: no filter needed');
}

function main(): void {
  const started = Date.now();
  setUpPython();
  setUpNativeTensorflow();
  buildCompilerSnapshot();
  registerTslabKernel();
  protectCommittedNotebooks();
  console.log(`\n[attention-lab setup] done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

try {
  main();
} catch (error) {
  console.error(`\n[attention-lab setup] failed: ${(error as Error).message}`);
  process.exit(1);
}
