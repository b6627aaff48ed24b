// @ts-check
import { randomInt, timingSafeEqual } from 'node:crypto';

/*
 * Okta's Email authenticator as a second factor: a six-digit one-time code, mailed (here, to the
 * development mailbox) for one sign-in. Both sign-in models use it: the hosted page keys it by
 * its interaction, the Identity Engine by its interaction handle. A code
 *
 * - completes only the sign-in it was sent for;
 * - works once, for 5 minutes (the Email authenticator's default OTP lifetime);
 * - is void after 5 wrong tries, so six digits cannot be guessed; sending a new code replaces it.
 */

export const CODE_TTL_MS = 5 * 60 * 1000;
const MAX_WRONG_TRIES = 5;
/** How long a sign-in waits for its second step, like the sign-in transaction itself. */
const PENDING_TTL_MS = 60 * 60 * 1000;

/**
 * @typedef {object} PendingEmailFactor
 * @property {string} accountId the user who passed the first factor
 * @property {string} email
 * @property {string} appName for the message
 * @property {string} code
 * @property {number} codeExpiresAt epoch milliseconds
 * @property {number} wrongTries
 * @property {number} expiresAt epoch milliseconds
 */

/** @param {import('./mailbox/mailbox.mjs').Mailbox} mailbox */
export function createEmailAuthenticator(mailbox) {
  /** @type {Map<string, PendingEmailFactor>} sign-in id → its second step */
  const pending = new Map();

  /** @param {string} signInId */
  const live = (signInId) => {
    const factor = pending.get(signInId);
    return factor && factor.expiresAt > Date.now() ? factor : undefined;
  };

  const sweep = () => {
    const now = Date.now();
    for (const [id, factor] of pending) if (factor.expiresAt <= now) pending.delete(id);
  };

  /** @param {PendingEmailFactor} factor */
  const mailCode = (factor) => {
    factor.code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    factor.codeExpiresAt = Date.now() + CODE_TTL_MS;
    factor.wrongTries = 0;
    mailbox.deliver({
      to: factor.email,
      subject: 'One-time verification code',
      text: `You are signing in to ${factor.appName}. Enter ${factor.code} to verify it is you. The code expires in 5 minutes; if you did not try to sign in, ignore this email.`,
      code: factor.code,
    });
  };

  return {
    /**
     * The user passed the password: mails a code and remembers whom the sign-in is for.
     * @param {string} signInId
     * @param {{ accountId: string, email: string, appName: string }} user
     */
    send(signInId, { accountId, email, appName }) {
      sweep();
      /** @type {PendingEmailFactor} */
      const factor = {
        accountId,
        email,
        appName,
        code: '',
        codeExpiresAt: 0,
        wrongTries: 0,
        expiresAt: Date.now() + PENDING_TTL_MS,
      };
      pending.set(signInId, factor);
      mailCode(factor);
    },

    /**
     * A new code for the same sign-in; the previous one stops working.
     * @param {string} signInId
     * @returns {boolean} false when the sign-in has no email step pending
     */
    resend(signInId) {
      const factor = live(signInId);
      if (factor) mailCode(factor);
      return factor !== undefined;
    },

    /**
     * @param {string} signInId
     * @returns {PendingEmailFactor | undefined}
     */
    pending(signInId) {
      return live(signInId);
    },

    /**
     * Checks a typed code. The right one ends the step, so it cannot be used again.
     * @param {string} signInId
     * @param {unknown} typed
     * @returns {string | undefined} the account id when the code is right
     */
    verify(signInId, typed) {
      const factor = live(signInId);
      if (!factor || typeof typed !== 'string') return undefined;
      const usable = factor.wrongTries < MAX_WRONG_TRIES && factor.codeExpiresAt > Date.now();
      if (usable && sameCode(typed.replace(/\s/g, ''), factor.code)) {
        pending.delete(signInId);
        return factor.accountId;
      }
      factor.wrongTries += 1;
      return undefined;
    },

    /** @param {string} signInId the sign-in ended (cancelled or restarted) */
    end(signInId) {
      pending.delete(signInId);
    },
  };
}

/** @typedef {ReturnType<typeof createEmailAuthenticator>} EmailAuthenticator */

/**
 * How Okta shows the address a code went to: enough to recognise it, not to harvest it.
 * @param {string} email
 */
export function maskEmail(email) {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const local = email.slice(0, at);
  return `${local[0]}***${local.length > 1 ? local.at(-1) : ''}${email.slice(at)}`;
}

/**
 * @param {string} typed
 * @param {string} code
 */
function sameCode(typed, code) {
  const a = Buffer.from(typed);
  const b = Buffer.from(code);
  return a.length === b.length && timingSafeEqual(a, b);
}
