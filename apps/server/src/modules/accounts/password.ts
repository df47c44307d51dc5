import type { Database } from '../../db/database.js';
import { systemScope, withScope } from '../../db/scope.js';
import { accountsError } from './accounts.errors.js';
import * as repo from './accounts.repository.js';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum profile). */
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

/** A hash of nothing anyone knows: verified against when the user does not exist, so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export const dummyVerify = async (password: string) => {
  dummyHash ??= hash('linli-no-such-user-' + Math.random());
  await verifyPassword(await dummyHash, password);
};

/**
 * MLPS level-3 rule: at least 8 characters from at least 3 of 4 classes (lower, upper, digit,
 * symbol), not containing the username. Returns true when the password passes.
 */
export function meetsPasswordRule(password: string, username: string): boolean {
  if (password.length < 8 || password.length > 128) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return false;
  return !(username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()));
}

/** Password rule plus history; shared by self-service change and administrator reset. */
export function createPasswordPolicy(deps: { db: Database; historySize: number }) {
  return {
    async assertAllowed(field: string, userId: string | null, username: string, password: string) {
      if (!meetsPasswordRule(password, username)) throw accountsError('PASSWORD_TOO_WEAK', {}, field);
      if (!userId) return;
      const recent = await withScope(deps.db, systemScope('password history'), (tx) =>
        repo.recentPasswordHashes(tx, userId, deps.historySize),
      );
      for (const h of recent) {
        if (await verifyPassword(h, password)) throw accountsError('PASSWORD_REUSED', { count: deps.historySize }, field);
      }
    },
  };
}

export type PasswordPolicy = ReturnType<typeof createPasswordPolicy>;
