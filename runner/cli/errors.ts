/** Failures the CLI reports as one clear message on stderr, without a stack trace. */

/** The command line itself is wrong (unknown command or option, a bad -p): exit status 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** The command line was fine but the work failed (missing notebook, failing cell, Ctrl-C). */
export class CommandError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}
