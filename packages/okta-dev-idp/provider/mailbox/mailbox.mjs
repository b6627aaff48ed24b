// @ts-check
import { randomUUID } from 'node:crypto';

/*
 * Where the development identity provider "sends" email: nothing leaves the process. A developer
 * reads the messages at `/dev/mailbox`, tests at `/dev/mailbox.json`, so a second factor by email
 * works offline, with no mail server and no phone.
 */

/**
 * @typedef {object} MailMessage
 * @property {string} id
 * @property {string} to
 * @property {string} subject
 * @property {string} text the body, as plain text
 * @property {string} [code] a one-time code the message carries, shown on its own for convenience
 * @property {string} sentAt ISO 8601
 */

/** Enough for a morning's sign-ins; older messages are dropped. */
const CAPACITY = 50;

export function createMailbox() {
  /** @type {MailMessage[]} newest first */
  const messages = [];

  return {
    /**
     * @param {Omit<MailMessage, 'id' | 'sentAt'>} message
     * @returns {MailMessage}
     */
    deliver(message) {
      const sent = { ...message, id: randomUUID(), sentAt: new Date().toISOString() };
      messages.unshift(sent);
      messages.length = Math.min(messages.length, CAPACITY);
      return sent;
    },

    /**
     * Newest first; only those to `to` (case-insensitive, as email addresses are) when given.
     * @param {string} [to]
     * @returns {MailMessage[]}
     */
    list(to) {
      const wanted = to?.trim().toLowerCase();
      return messages.filter((message) => !wanted || message.to.toLowerCase() === wanted);
    },
  };
}

/** @typedef {ReturnType<typeof createMailbox>} Mailbox */
