/** `npm run validate` in process, with its output captured. */
import { runValidate } from '../../src/cli/validate';

/**
 * Runs the validator's command line in process.
 * @param argv - Its arguments.
 * @param stdin - What standard input holds.
 * @param stderrIsTty - Whether standard error is taken for a terminal (progress lines).
 * @returns The exit code and what was written to standard output and error.
 */
export async function captureCli(argv: string[], stdin = '', stderrIsTty = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runValidate(argv, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    stderrIsTty,
    readStdin: () => Buffer.from(stdin),
  });
  return { code, out, err };
}
