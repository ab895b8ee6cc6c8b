import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiAndIo = [
  { name: 'react', message: 'The pure layers know nothing of React.' },
  { name: 'react-dom', message: 'The pure layers know nothing of React.' },
  { name: 'dicomweb-client', message: 'I/O lives in src/adapters.' },
];
// zod only through src/domain/zod.ts, which sets it not to use eval (the page's CSP) before any schema is built.
const zodOnce = { name: 'zod', message: 'Import z from src/domain/zod.ts: it is told not to use eval before any schema is built.', allowTypeImports: true };
const uiAndIoPatterns = [
  { group: ['react/*', 'react-dom/*', '@tanstack/*', 'react-router*', 'react-i18next', 'i18next*'], message: 'The pure layers know nothing of UI frameworks.' },
  { group: ['@cornerstonejs/*'], message: 'Only src/viewer/cornerstone imports Cornerstone3D.' },
  { group: ['**/adapters/*', '**/worklist/*', '**/viewer/*', '!**/domain/viewer/*', '**/i18n/*', '**/shell/*'], message: 'Arrows point inward: the pure layers import no outer layer.' },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', '.cache', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'DICOM strings are untrusted: render them as text.' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [zodOnce], patterns: [{ group: ['@cornerstonejs/*'], message: 'Only src/viewer/cornerstone imports Cornerstone3D.' }] }],
    },
  },
  {
    files: ['src/viewer/cornerstone/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [zodOnce] }] },
  },
  {
    files: ['src/domain/**/*.ts', 'src/hanging-protocols/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': ['error', { paths: [...uiAndIo, zodOnce], patterns: uiAndIoPatterns }],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'I/O lives in src/adapters.' },
        { name: 'XMLHttpRequest', message: 'I/O lives in src/adapters.' },
        { name: 'window', message: 'The pure layers know nothing of the DOM.' },
        { name: 'document', message: 'The pure layers know nothing of the DOM.' },
        { name: 'localStorage', message: 'The pure layers know nothing of the DOM.' },
      ],
    },
  },
  {
    // One way in per outside system: SQL only through server/db. Tests may speak SQL as an administrator would (to
    // edit the trail behind the application's back and check that it shows).
    files: ['server/**/*.ts'],
    ignores: ['server/db/**', 'server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['kysely', 'pg', '@electric-sql/*', '**/db/migrations/*'], message: 'SQL only through server/db.' }] },
      ],
    },
  },
  {
    // The OpenID provider only through server/auth (the demo's own provider lives in server/demo/idp; the gateway's
    // client-credentials grant towards an archive's token endpoint is the one other client). Repeats the SQL rule, as
    // a later block's rule replaces an earlier one's for the files both match.
    files: ['server/**/*.ts'],
    ignores: ['server/db/**', 'server/auth/**', 'server/demo/idp/**', 'server/gateway/clientCredentialsToken.ts', 'server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['kysely', 'pg', '@electric-sql/*', '**/db/migrations/*'], message: 'SQL only through server/db.' },
            { group: ['openid-client', 'oidc-provider'], message: 'The OpenID provider only through server/auth.' },
          ],
        },
      ],
    },
  },
  {
    // Matching is data in, decisions out: the identity manager's matching core does no I/O, so it is tested on plain
    // records and a person's decision is only ever an input to it.
    files: ['server/identity/matching/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'http', 'https', 'net', 'child_process'], message: 'The matching core does no I/O.' },
            { group: ['kysely', 'pg', '@electric-sql/*', 'fastify', 'fastify/*', '@fastify/*', 'openid-client', 'oidc-provider'], message: 'The matching core does no I/O.' },
            { group: ['../*', '!../matching/*'], message: 'The matching core imports nothing of the server around it.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'The matching core does no I/O.' }],
    },
  },
  {
    // The one place that imports zod (see zodOnce above); it imports nothing else.
    files: ['src/domain/zod.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
