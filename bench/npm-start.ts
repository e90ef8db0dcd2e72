/**
 * The `npm start` part of `npm run bench`: every notebook exported by the command package.json's
 * start script runs (on its pool of exports), against the same command one notebook at a time
 * (--jobs 1), each into a fresh folder; and whether the two wrote the same results.json files,
 * the figures that are timings aside.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../runner/paths';
import { run } from './measure';

/** Issue #23's goal: `npm start`, every notebook, at most this many seconds on 2 cores. */
export const npmStartGoalSeconds = 60;

export interface NpmStartResult {
  /** The start script as package.json gives it. */
  script: string;
  /** Notebooks exported (each a results.json). */
  notebooks: number;
  /** Wall time of the start script's export, and of the same export with --jobs 1. */
  seconds: number;
  oneAtATimeSeconds: number;
  /** Figures of the results.json files that differ between the two, timings aside (none expected). */
  differences: string[];
}

/** Keys whose values are wall times, which differ from run to run by nature. */
const isTiming = (key: string): boolean => /(Seconds|Milliseconds)$/.test(key);

/** The start script's command, as arguments after `node` ("node bin/attention-lab.js export …"). */
function startArguments(script: string): string[] {
  const [command, ...args] = script.split(/\s+/);
  if (command !== 'node') throw new Error(`package.json's start script does not run node: "${script}"`);
  return args;
}

/** The script's paths (bin/…) from the project's root, where npm runs it. */
const fromRoot = (args: string[]): string[] => args.map((arg) => (arg.startsWith('bin/') ? path.join(projectRoot, arg) : arg));

/** The same arguments with one notebook at a time: any --jobs N (or -j N) replaced by --jobs 1. */
function oneAtATime(args: string[]): string[] {
  const kept = args.filter((arg, i) => !['--jobs', '-j'].includes(arg) && !['--jobs', '-j'].includes(args[i - 1] ?? ''));
  return [...kept, '--jobs', '1'];
}

export async function measureNpmStart(log: (line: string) => void): Promise<NpmStartResult> {
  const script = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const args = startArguments(script);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'attention-bench-npm-start-'));
  const exportTo = async (name: string, exportArgs: string[]): Promise<number> => {
    log(`npm start: ${name}`);
    const finished = await run(process.execPath, [...exportArgs, '--out', path.join(out, name)]);
    return (finished.endedAtMs - finished.spawnedAtMs) / 1000;
  };
  try {
    const seconds = await exportTo('start-script', fromRoot(args));
    const oneAtATimeSeconds = await exportTo('one-at-a-time', fromRoot(oneAtATime(args)));
    const results = (name: string) => fs.readdirSync(path.join(out, name)).filter((file) => file.endsWith('.results.json')).sort();
    const files = results('start-script');
    if (files.join() !== results('one-at-a-time').join()) throw new Error(`the two exports wrote different notebooks: ${files.join(', ')} against ${results('one-at-a-time').join(', ')}`);
    const read = (name: string, file: string): unknown => JSON.parse(fs.readFileSync(path.join(out, name, file), 'utf8'));
    const differences = files.flatMap((file) => differing(read('start-script', file), read('one-at-a-time', file), file));
    return { script, notebooks: files.length, seconds, oneAtATimeSeconds, differences };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** Where two JSON values differ, as paths (file.key[0].key), leaving out keys that are timings. */
function differing(a: unknown, b: unknown, at: string): string[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${at} (length ${a.length} against ${b.length})`];
    return a.flatMap((value, i) => differing(value, b[i], `${at}[${i}]`));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => !isTiming(key));
    return keys.flatMap((key) => differing((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`));
  }
  return Object.is(a, b) ? [] : [at];
}

export function npmStartTable(result: NpmStartResult): string {
  const lines = ['| export | notebooks | wall time (s) |', '| --- | --- | --- |',
    `| \`npm start\` (\`${result.script}\`) | ${result.notebooks} | ${result.seconds.toFixed(1)} |`,
    `| the same, one notebook at a time (\`--jobs 1\`) | ${result.notebooks} | ${result.oneAtATimeSeconds.toFixed(1)} |`];
  const same = result.differences.length === 0
    ? 'The two wrote the same results.json for every notebook (the figures that are wall times aside).'
    : `The two results.json files differ in ${result.differences.length} figures: ${result.differences.slice(0, 5).join(', ')}${result.differences.length > 5 ? ', …' : ''}.`;
  const goal = `Goal: at most ${npmStartGoalSeconds} s (${result.seconds <= npmStartGoalSeconds ? 'met' : 'not met'}: ${result.seconds.toFixed(1)} s).`;
  return `${lines.join('\n')}\n\n${same} ${goal}`;
}
