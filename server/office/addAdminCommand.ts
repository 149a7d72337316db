import { stdin, stdout } from 'node:process';
import { MIN_PASSWORD_LENGTH } from '../../shared/office/adminUsers';
import type { AdminUsers } from './adminUsers';

/**
 * `npm run server -- --add-admin <name>`: creates a person who can sign in to the head-office UI.
 * The password comes from HEAD_OFFICE_ADMIN_PASSWORD (for scripts) or is typed, unechoed, twice.
 */
export function addAdminName(argv: readonly string[]): string | null | undefined {
  const at = argv.indexOf('--add-admin');
  if (at < 0) return undefined;
  const name = argv[at + 1];
  return name && !name.startsWith('--') ? name : null;
}

/** Reads one line from a terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!stdin.isTTY) {
      reject(new Error('no terminal to type a password in: set HEAD_OFFICE_ADMIN_PASSWORD'));
      return;
    }
    stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      stdout.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function choosePassword(env: NodeJS.ProcessEnv): Promise<string> {
  const fromEnv = env.HEAD_OFFICE_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  const first = await readHidden(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  const again = await readHidden('The same password again: ');
  if (first !== again) throw new Error('the two passwords differ; nothing was created');
  return first;
}

/** Returns the line to print; throws with head office's words when it refuses. */
export async function addAdminFromCommandLine(
  adminUsers: AdminUsers,
  name: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const password = await choosePassword(env);
  const created = await adminUsers.addAdminUser('command line', { name, password });
  if (!created.ok) throw new Error(created.error.message);
  return `Admin "${created.value.name}" can now sign in to the head-office UI at /office/.`;
}
