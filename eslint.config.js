import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Process boundaries are lint errors (STYLE.md rule 1): each folder may import only what its
 * process can load.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net'];
const restrict = (patterns, message, more = []) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [...patterns.map((group) => ({ group: [group], message })), ...more] },
  ],
});
/** The ledger is encrypted: every connection goes through the SQLCipher build (db/connection.ts). */
const bareSqlite = {
  group: ['better-sqlite3'],
  message:
    'Use better-sqlite3-multiple-ciphers: the ledger is encrypted (electron/core/db/connection.ts).',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.bench-cache/**',
      '.electron-native/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**'],
    rules: restrict(
      [
        ...nodeBuiltins,
        'electron',
        'better-sqlite3*',
        'react',
        'react-dom',
        '**/electron/**',
        '**/renderer/**',
        '**/server/**',
      ],
      'shared/ is pure TypeScript: no I/O and no process-specific imports.',
    ),
  },
  {
    files: ['renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...nodeBuiltins, 'electron', 'better-sqlite3*', '**/electron/**', '**/server/**'],
        'The renderer never imports Node or the core; it talks to the API client only.',
      ),
    },
  },
  {
    files: ['electron/preload/**'],
    rules: restrict(
      [
        ...nodeBuiltins,
        'better-sqlite3*',
        '**/core/**',
        '**/main/**',
        '**/host/**',
        '**/renderer/**',
      ],
      'The preload may use only contextBridge, ipcRenderer and shared/.',
    ),
  },
  {
    files: ['electron/core/**', 'electron/host/**'],
    rules: restrict(
      ['electron', '**/renderer/**', '**/main/**'],
      'The core runs under plain Node: no Electron.',
      [bareSqlite],
    ),
  },
  {
    files: ['electron/main/**', 'test/**', 'scripts/**'],
    rules: restrict([], '', [bareSqlite]),
  },
  {
    // Within server/, imports flow one way between its folders (http down to platform):
    // server/structure.test.ts checks where each import resolves to, and that none goes round.
    files: ['server/**'],
    rules: restrict(
      ['electron', '**/renderer/**', '**/electron/**'],
      'The server shares only shared/.',
    ),
  },
  {
    // The log file: Node, shared by the terminal's core and head office, which both import it.
    files: ['logging/**'],
    rules: restrict(
      ['electron', '**/renderer/**', '**/electron/**', '**/server/**'],
      'logging/ is shared by the core and head office: it imports only shared/ and packages.',
    ),
  },
  {
    files: ['scripts/**', 'test/**', '**/*.test.ts', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
);
