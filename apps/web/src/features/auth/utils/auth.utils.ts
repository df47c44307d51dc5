import { CHANGE_PASSWORD_PATH, LOGIN_PATH } from '../../../app/paths';

/**
 * Where to go after signing in: the forced password change, else the page the user was sent
 * away from, else the workbench.
 */
export function afterLoginPath(mustChangePassword: boolean, from: string | undefined): string {
  if (mustChangePassword) return CHANGE_PASSWORD_PATH;
  if (!from || !from.startsWith('/') || from.startsWith('//')) return '/';
  if (from.startsWith(LOGIN_PATH) || from.startsWith(CHANGE_PASSWORD_PATH)) return '/';
  return from;
}

/** Base32 secrets are typed by hand into the authenticator: show them in groups of four. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
