import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords: argon2id (the library's default algorithm and parameters: 19 MiB, 2 passes, the OWASP
 * minimum), stored as a PHC string that carries its own salt and parameters.
 */

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** What is wrong with a new password, in words a person can act on; null when it may be used. */
export function passwordProblem(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    return `A password has at least ${MIN_PASSWORD_LENGTH} characters, not ${length}: a few words make a good one`;
  if (length > MAX_PASSWORD_LENGTH)
    return `A password has at most ${MAX_PASSWORD_LENGTH} characters, not ${length}`;
  if (password.trim().toLowerCase() === email.trim().toLowerCase())
    return 'A password cannot be the e-mail address: choose something only you know';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * A fixed hash of a password nobody knows: an unknown e-mail (or a user without a password) is verified
 * against it, so that a sign-in takes as long whether or not the e-mail exists.
 */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$ZRODyVsIOpSAR47JjZGk/g$UqA4Yj3S9jAeFKDkMWlH7WpPWaRB/5IosAFqCp0auoA';

let verifications = 0;

/** How many argon2 verifications this process has run (tests prove both sign-in paths run exactly one). */
export function verificationCount(): number {
  return verifications;
}

/**
 * Whether the password matches the stored hash. Without a hash (unknown e-mail, invited user who has not
 * set one) the dummy hash is verified and the answer is false: the same work either way.
 */
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  verifications++;
  const known = typeof storedHash === 'string' && storedHash.startsWith('$argon2');
  try {
    const matches = await verify(known ? storedHash : DUMMY_HASH, password);
    return known && matches;
  } catch {
    // A malformed stored hash signs nobody in.
    return false;
  }
}
