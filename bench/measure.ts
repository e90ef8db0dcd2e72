import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tensorflowEnv } from '../src/core/tensorflow-env';

export interface Stats { median: number; min: number; max: number }

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** A line of a child's stdout and when it arrived. */
export interface TimedLine { text: string; atMs: number }

export interface Finished { lastLine: string; lines: TimedLine[]; spawnedAtMs: number; endedAtMs: number }

/**
 * Runs one child to its end with the project's TensorFlow settings, optionally with a file on its
 * stdin; returns its stdout's lines with their arrival times, the last line (workers print one
 * JSON line last), and when it was spawned and ended.
 */
export function run(command: string, args: string[], stdinFile?: string): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const spawnedAtMs = Date.now();
    const child = spawn(command, args, { env: { ...process.env, ...tensorflowEnv }, stdio: 'pipe' });
    let stderr = '';
    const lines: TimedLine[] = [];
    let partial = '';
    child.stdout.setEncoding('utf8'); // a character split across chunks is decoded whole
    child.stdout.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) lines.push({ text, atMs: Date.now() });
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      const endedAtMs = Date.now();
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`));
      if (partial !== '') lines.push({ text: partial, atMs: endedAtMs });
      const lastLine = [...lines].reverse().find((line) => line.text.trim() !== '')?.text.trim() ?? '';
      resolve({ lastLine, lines, spawnedAtMs, endedAtMs });
    });
    child.stdin.end(stdinFile === undefined ? undefined : readFileSync(stdinFile));
  });
}

/** A worker's run: its JSON report, and when it was spawned. */
export async function measure<Report>(command: string, args: string[]): Promise<{ report: Report; spawnedAtMs: number }> {
  const { lastLine, spawnedAtMs } = await run(command, args);
  return { report: JSON.parse(lastLine) as Report, spawnedAtMs };
}
