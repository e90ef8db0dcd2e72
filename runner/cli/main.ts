/** The attention-lab command line (bin/attention-lab.js): dispatch, help, and how failures are reported. */
import { Command, parseCommandLine } from './arguments';
import { CommandError, UsageError } from './errors';
import { runExport } from './export';
import { runLab } from '../lab/lab';
import { runGrid } from '../grid/grid';
import { escapeControls } from './shown';
import { exportUsage, generalUsage, gridUsage, labUsage } from './usage';

const usages = { general: generalUsage, export: exportUsage, grid: gridUsage, lab: labUsage };

async function run(command: Command): Promise<number> {
  switch (command.kind) {
    case 'help':
      console.log(usages[command.topic]);
      return 0;
    case 'export':
      await runExport(command.options);
      return 0;
    case 'grid':
      return runGrid(command.options);
    case 'lab':
      return runLab(command.jupyterArgs);
  }
}

/** Runs the command in argv (without node and the script) and sets process.exitCode. */
export async function main(argv: string[]): Promise<void> {
  try {
    process.exitCode = await run(parseCommandLine(argv));
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof CommandError)) throw error;
    // Messages quote what the user, a notebook or a library wrote, which may hold terminal controls.
    console.error(`attention-lab: ${escapeControls(error.message)}`);
    if (error instanceof UsageError) {
      const topic = ['export', 'grid', 'lab'].includes(argv[0]) ? ` ${argv[0]}` : '';
      console.error(`Run "attention-lab${topic} --help" for usage.`);
    }
    process.exitCode = error.exitCode;
  }
}
