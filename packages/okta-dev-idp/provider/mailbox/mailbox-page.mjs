// @ts-check
import { html } from '../html.mjs';
import { page } from '../views.mjs';

/** @typedef {import('./mailbox.mjs').MailMessage} MailMessage */

/**
 * The development mailbox: every message the provider "sent", newest first, each code large
 * enough to read at a glance.
 * @param {{ messages: MailMessage[], to?: string, path: string }} view
 */
export function mailboxPage({ messages, to, path }) {
  return page(
    'Mailbox',
    html`<h1>Development mailbox</h1>
      <p class="lead">
        Email the development identity provider sent. Nothing leaves this computer; a code works for
        5 minutes, in the sign-in it was sent for.
      </p>
      <p>
        ${to ? html`Showing email to <strong>${to}</strong> · <a href="${path}">all email</a> · ` : ''}
        <a href="${to ? `${path}?to=${encodeURIComponent(to)}` : path}">Refresh</a>
      </p>
      ${
        messages.length === 0
          ? html`<p>
              No email yet. Sign in as a user whose policy asks for an email code, such as
              <code>dave@example.com</code>.
            </p>`
          : html`<ol class="mail">
              ${messages.map(
                (message) =>
                  html`<li>
                    <h2>${message.subject}</h2>
                    <p>
                      To <strong>${message.to}</strong> ·
                      <time datetime="${message.sentAt}">${message.sentAt.slice(11, 19)} UTC</time>
                    </p>
                    ${message.code && html`<p class="otp">Code: <strong>${message.code}</strong></p>`}
                    <p>${message.text}</p>
                  </li>`,
              )}
            </ol>`
      }`,
  );
}
