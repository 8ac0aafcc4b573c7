/**
 * What every command of the `wireserver` CLI shares: where it writes, the usage error, and the
 * mapping from what a command throws to an exit code and one line on stderr (never a stack trace).
 * Exit codes: 0 success; 1 the WireServer or a document failed; 2 usage or local I/O errors only.
 * @module
 */
import { isWireServerError } from '../errors';

/** Where the CLI writes, injectable for tests. */
export interface WireServerCliIo {
  /** Standard output. */
  readonly stdout: (text: string) => void;
  /** Standard error. */
  readonly stderr: (text: string) => void;
}

/** A mistake in the command line or a local file: exit code 2. */
export class UsageError extends Error {}

/** Error codes about local files: exit code 2, like usage errors. */
const LOCAL_IO_CODES: ReadonlySet<string> = new Set(['IO_ERROR', 'IO_FILE_EXISTS', 'IO_UNSAFE_PATH', 'DISCOVERY_BAD_INPUT']);

/**
 * Runs a command and turns its outcome into an exit code, reporting a failure in one line.
 * @param program - The name on stderr lines, e.g. `wireserver`.
 * @param io - Where to write.
 * @param command - The command.
 * @returns 0, 1 or 2.
 */
export async function runCommand(program: string, io: WireServerCliIo, command: () => Promise<void>): Promise<number> {
  try {
    await command();
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${program}: ${error.message}\n`);
      return 2;
    }
    if (isWireServerError(error)) {
      io.stderr(`${program}: ${error.code}: ${error.message}\n`);
      return LOCAL_IO_CODES.has(error.code) ? 2 : 1;
    }
    io.stderr(`${program}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
