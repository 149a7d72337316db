/**
 * The child of encryptionCrash.test.ts: encrypts the plaintext ledger at ENCRYPT_FILE and
 * SIGKILLs itself the moment step ENCRYPT_KILL_AT ends, as a power cut would stop it there.
 */
import { encryptPlaintextLedger } from '../../electron/core/db/encryptLedger';
import { deriveTerminalKeys, SECRET_ENV } from '../../electron/core/keys/terminalKeys';

const file = process.env.ENCRYPT_FILE;
const secret = process.env[SECRET_ENV];
if (!file || !secret) throw new Error(`ENCRYPT_FILE and ${SECRET_ENV} are needed`);
const killAt = process.env.ENCRYPT_KILL_AT;

encryptPlaintextLedger(file, {
  key: deriveTerminalKeys(Buffer.from(secret, 'hex')).ledgerKey,
  onStep: (step) => {
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('encrypted\n');
