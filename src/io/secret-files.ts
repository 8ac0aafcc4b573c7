/**
 * Writing files that hold secrets (private keys, certificates, captured documents) without letting
 * another local user redirect or read them: the folder is created 0700, or must be a real folder
 * (not a symlink) owned by the caller and not writable by group or others; each file is created
 * with `O_CREAT | O_EXCL | O_NOFOLLOW` and mode 0600 from the first byte. An existing file is an
 * error unless `force` is set; even then a symlink is never followed: the old entry is removed
 * (only when it is a regular file) and a new file is created exclusively.
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { WireServerError } from '../errors';

/** Mode of every secret file. */
export const SECRET_FILE_MODE = 0o600;
/** Mode of a folder created for secret files. */
export const SECRET_DIR_MODE = 0o700;

const CREATE_FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;

const refuse = (message: string, cause?: unknown): WireServerError =>
  new WireServerError('IO_UNSAFE_PATH', message, cause === undefined ? {} : { cause });

const errnoCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'I/O error';

/** The caller's user id, or `undefined` where there is none (Windows). */
function callerUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

/**
 * Makes sure `dir` is a safe place for secret files: creates it (and missing parents) with mode
 * 0700, or checks that the existing entry is a real folder (not a symlink) owned by the caller and
 * not group- or world-writable.
 * @param dir - The folder.
 * @throws {@link WireServerError} `IO_UNSAFE_PATH` when it is unsafe, `IO_ERROR` when it cannot be created.
 */
export function prepareSecretDir(dir: string): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(dir);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw new WireServerError('IO_ERROR', `${dir}: ${errnoCode(error)}`, { cause: error });
  }
  if (stat === undefined) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true, mode: SECRET_DIR_MODE });
      fs.mkdirSync(dir, { mode: SECRET_DIR_MODE });
    } catch (error) {
      throw new WireServerError('IO_ERROR', `${dir}: cannot create the folder (${errnoCode(error)})`, { cause: error });
    }
    stat = fs.lstatSync(dir);
    // The umask may have cleared bits, never added them; set exactly 0700 on the folder just made.
    if (stat.isDirectory() && !stat.isSymbolicLink()) fs.chmodSync(dir, SECRET_DIR_MODE);
    stat = fs.lstatSync(dir);
  }
  if (stat.isSymbolicLink()) throw refuse(`${dir}: the output folder is a symbolic link; give the real folder`);
  if (!stat.isDirectory()) throw refuse(`${dir}: not a folder`);
  const uid = callerUid();
  if (uid !== undefined && stat.uid !== uid)
    throw refuse(`${dir}: the output folder belongs to user ${stat.uid}, not to you (${uid}); use a folder of your own`);
  if ((stat.mode & 0o022) !== 0) {
    throw refuse(
      `${dir}: the output folder is writable by ${(stat.mode & 0o002) !== 0 ? 'everyone' : 'its group'} (mode ` +
        `${(stat.mode & 0o777).toString(8)}); use a folder only you can write (chmod 700)`,
    );
  }
}

/** Options of {@link writeSecretFile}. */
export interface SecretWriteOptions {
  /** Replace an existing regular file (never a symlink or anything else). */
  readonly force?: boolean;
}

/**
 * Creates `file` exclusively with mode 0600 and writes `data`. The folder must have been checked
 * with {@link prepareSecretDir} (or be otherwise trusted).
 * @param file - The path to create.
 * @param data - The content.
 * @param options - Whether an existing regular file may be replaced.
 * @throws {@link WireServerError} `IO_FILE_EXISTS` when it exists (without `force`), `IO_UNSAFE_PATH`
 * when it is a symlink or not a regular file, `IO_ERROR` for other failures.
 */
export function writeSecretFile(file: string, data: string | Uint8Array, options: SecretWriteOptions = {}): void {
  let existing: fs.Stats | undefined;
  try {
    existing = fs.lstatSync(file);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw new WireServerError('IO_ERROR', `${file}: ${errnoCode(error)}`, { cause: error });
  }
  if (existing !== undefined) {
    if (existing.isSymbolicLink()) throw refuse(`${file}: is a symbolic link; refusing to write a secret through it`);
    if (!existing.isFile()) throw refuse(`${file}: exists and is not a regular file`);
    if (!options.force) throw new WireServerError('IO_FILE_EXISTS', `${file}: already exists; pass --force to replace it`);
    try {
      fs.unlinkSync(file);
    } catch (error) {
      throw new WireServerError('IO_ERROR', `${file}: cannot replace it (${errnoCode(error)})`, { cause: error });
    }
  }
  let fd: number;
  try {
    fd = fs.openSync(file, CREATE_FLAGS, SECRET_FILE_MODE);
  } catch (error) {
    const code = errnoCode(error);
    // Planted between the check and the open: O_EXCL and O_NOFOLLOW refuse it.
    if (code === 'EEXIST')
      throw new WireServerError('IO_FILE_EXISTS', `${file}: appeared while writing; refusing to replace it`, { cause: error });
    if (code === 'ELOOP') throw refuse(`${file}: is a symbolic link; refusing to write a secret through it`, error);
    throw new WireServerError('IO_ERROR', `${file}: cannot create (${code})`, { cause: error });
  }
  try {
    // O_EXCL guarantees a new file; fchmod clears any bit the umask left, before a byte is written.
    fs.fchmodSync(fd, SECRET_FILE_MODE);
    fs.writeFileSync(fd, data);
  } catch (error) {
    throw new WireServerError('IO_ERROR', `${file}: cannot write (${errnoCode(error)})`, { cause: error });
  } finally {
    fs.closeSync(fd);
  }
}
