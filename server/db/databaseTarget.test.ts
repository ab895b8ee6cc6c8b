import { describe, expect, it } from 'vitest';
import { databaseTarget, describeTarget } from './databaseTarget.ts';

describe('databaseTarget', () => {
  it('keeps the embedded database under .data/ without database.url, or under --data-dir', () => {
    expect(databaseTarget(undefined, undefined, {})).toEqual({ ok: true, target: { kind: 'embedded', dataDir: '.data' } });
    expect(databaseTarget(undefined, '/var/lib/passerelle', {})).toEqual({ ok: true, target: { kind: 'embedded', dataDir: '/var/lib/passerelle' } });
  });
  it('takes the server password from the environment variable the configuration names', () => {
    const database = { url: 'postgres://passerelle@db.example/passerelle', passwordEnv: 'PASSERELLE_DB_PASSWORD' };
    expect(databaseTarget(database, '.data', { PASSERELLE_DB_PASSWORD: 's3cret' })).toEqual({
      ok: true,
      target: { kind: 'server', url: database.url, password: 's3cret' },
    });
    expect(databaseTarget(database, '.data', {})).toEqual({
      ok: false,
      error: 'database.passwordEnv: the environment variable PASSERELLE_DB_PASSWORD is not set',
    });
  });
  it('never shows a password when it says which database', () => {
    expect(describeTarget({ kind: 'server', url: 'postgres://passerelle:s3cret@db.example:5432/passerelle', password: 'other' })).toBe(
      'PostgreSQL at postgres://passerelle:***@db.example:5432/passerelle',
    );
    expect(describeTarget({ kind: 'embedded', dataDir: '.data' })).toBe('embedded PostgreSQL in .data');
  });
});
