/**
 * Bundles the live playground (playground/) for the browser with esbuild: the training worker runs
 * the library's own src/ modules against tfjs's wasm backend (src/core/tf.ts aliased to
 * playground/browser-tf.ts), and the page script carries the worker as text plus vega and
 * vega-lite to draw the library's chart specs. Writes build/playground/attention-playground.js,
 * which `attention-lab export --live` puts into the page. Run by `npm run build` and postinstall.
 */
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';

const root = path.resolve(__dirname, '..', '..');
const playgroundDir = path.join(root, 'playground');
export const playgroundBundle = path.join(root, 'build', 'playground', 'attention-playground.js');

/** Node-only modules the worker must not carry; the build fails if one slips in through an import. */
const nodeOnly = ['crypto', 'path', 'fs', 'fs/promises', 'vega', 'vega-lite', '@tensorflow/tfjs-node'];

const srcDir = path.join(root, 'src');
const isUnder = (dir: string, folder: string): boolean => dir === folder || dir.startsWith(folder + path.sep);

/** The wasm backend's multi-threaded glue, which the playground leaves out. */
const threadedGlue = /\/wasm-out\/tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/;

/** In the worker: tfjs in place of tfjs-node, no danfojs; the notebook display kit (Node's tslab output) tree-shaken away. */
export const browserLibrary: esbuild.Plugin = {
  name: 'attention-lab-browser',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\btf$|^\.\/tf$/ }, ({ resolveDir, path: imported }) =>
      (path.resolve(resolveDir, imported) === path.join(srcDir, 'core', 'tf') ? { path: path.join(playgroundDir, 'browser-tf.ts') } : undefined));
    // tfjs's WebAssembly as the base64 of its gzip (playground/wasm-backend.ts inflates it); the
    // threaded glue, never used (threads are off), as a stub that says so if it is called.
    build.onLoad({ filter: /\.wasm$/ }, ({ path: file }) => ({
      contents: `export default ${JSON.stringify(gzipSync(fs.readFileSync(file), { level: 9 }).toString('base64'))};`, loader: 'js',
    }));
    build.onLoad({ filter: threadedGlue }, () => ({
      contents: 'export const wasmWorkerContents = "";\n'
        + 'export default function threadedSimd() { throw new Error("the playground bundles no multi-threaded wasm"); }',
      loader: 'js',
    }));
    build.onResolve({ filter: /^danfojs-node$/ }, () => ({ path: path.join(playgroundDir, 'without-danfojs.ts') }));
    build.onResolve({ filter: /\/display$/ }, ({ resolveDir, path: imported }) => ({
      path: `${path.resolve(resolveDir, imported)}.ts`, sideEffects: false,
    }));
    // Only the library's own Node imports: packages (tfjs's seedrandom) bring their own browser fallbacks.
    build.onResolve({ filter: new RegExp(`^(${nodeOnly.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`) },
      ({ path: imported, resolveDir }) => (isUnder(resolveDir, srcDir) ? { path: imported, external: true } : undefined));
  },
};

/** How every playground bundle is built (the tests build their probes the same way). */
export const browserBundleOptions: esbuild.BuildOptions = {
  bundle: true, minify: true, format: 'iife', platform: 'browser', target: 'es2022', legalComments: 'none', logLevel: 'warning',
};

async function buildWorker(plugins: esbuild.Plugin[]): Promise<string> {
  const result = await esbuild.build({
    ...browserBundleOptions, entryPoints: [path.join(playgroundDir, 'worker.ts')], write: false, metafile: true, plugins,
    // tfjs-core reads process.env.NODE_ENV-style flags only where a `process` exists.
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const leaked = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
  if (leaked.length > 0) throw new Error(`the playground's worker would need Node-only modules: ${[...new Set(leaked)].join(', ')}`);
  return result.outputFiles[0].text;
}

/**
 * `workerPlugins`: how the worker resolves the library (the benchmark builds a variant without wasm).
 * @returns The worker's bundle, which the page script carries as text (the benchmark weighs it).
 */
export async function buildPlayground({ outfile = playgroundBundle, workerPlugins = [browserLibrary] } = {}): Promise<string> {
  const workerSource = await buildWorker(workerPlugins);
  await esbuild.build({
    ...browserBundleOptions, entryPoints: [path.join(playgroundDir, 'page.ts')], outfile,
    plugins: [{
      name: 'worker-source',
      setup(build) {
        build.onResolve({ filter: /^playground:worker-source$/ }, () => ({ path: 'worker-source', namespace: 'worker-source' }));
        build.onLoad({ filter: /.*/, namespace: 'worker-source' }, () => ({ contents: workerSource, loader: 'text' }));
      },
    }],
  });
  return workerSource;
}

if (require.main === module) {
  buildPlayground().catch((error: unknown) => {
    console.error(`building the playground failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
