// @ts-check
import { html, trusted } from './html.mjs';

/** @typedef {ReturnType<typeof html>} Html */

// Inline so the provider serves every page from one response and needs no static route.
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;min-height:100vh;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d21;background:#f4f5f7}
.banner{margin:0;padding:.6rem 1rem;text-align:center;font-size:.875rem;font-weight:600;color:#5c3c00;background:#ffd98a;border-bottom:1px solid #e8b84a}
main{display:flex;justify-content:center;padding:2.5rem 1rem}
.card{width:100%;max-width:25rem;padding:2rem;background:#fff;border:1px solid #dcdde2;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.06)}
h1{margin:0 0 .25rem;font-size:1.5rem}
.lead{margin:0 0 1.5rem;color:#5b5d66}
label{display:block;margin:1rem 0 .25rem;font-weight:600;font-size:.9rem}
input[type=text],input[type=password]{width:100%;padding:.6rem .75rem;font:inherit;border:1px solid #b8bac3;border-radius:.375rem}
input:focus,button:focus{outline:3px solid #9cc2ff;outline-offset:1px}
button{width:100%;margin-top:1.5rem;padding:.7rem;font:inherit;font-weight:600;color:#fff;background:#1662dd;border:0;border-radius:.375rem;cursor:pointer}
button:hover{background:#0f4fb8}
button.secondary{margin-top:.75rem;color:#1662dd;background:#fff;border:1px solid #1662dd}
button.secondary:hover{background:#eef4fd}
.notice{margin:0 0 1rem;padding:.6rem .75rem;color:#0b4a2a;background:#e6f6ec;border:1px solid #a8dcbc;border-radius:.375rem}
.mail{margin:1rem 0 0;padding:0;list-style:none}
.mail li{margin:0 0 1rem;padding:1rem;border:1px solid #dcdde2;border-radius:.375rem}
.mail h2{margin:0 0 .25rem;font-size:1rem}
.mail p{margin:.25rem 0}
.otp{font-size:1.5rem;letter-spacing:.2em}
.alert{margin:0 0 1rem;padding:.6rem .75rem;color:#8a1222;background:#fdecee;border:1px solid #f3b6be;border-radius:.375rem}
.demo{margin-top:1.75rem;padding-top:1rem;border-top:1px solid #e6e7eb;font-size:.875rem;color:#5b5d66}
.demo ul{margin:.5rem 0 0;padding-left:1.1rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85em}
dl{margin:0}dt{font-weight:600}dd{margin:0 0 .75rem;word-break:break-word}
`;

/**
 * The layout every page of the provider shares.
 * @param {string} title
 * @param {Html} content
 */
export function page(title, content) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="data:," />
        <title>${title} · Development identity provider</title>
        <style>
          ${trusted(STYLE)}
        </style>
      </head>
      <body>
        <p class="banner" role="note">Development identity provider — not for production</p>
        <main><div class="card">${content}</div></main>
      </body>
    </html>`.toString();
}

/**
 * @typedef {object} LoginView
 * @property {string} action where the form posts to
 * @property {string} clientName the application the user signs in to
 * @property {string} [username] what the user typed, kept after a failed attempt
 * @property {string} [error]
 * @property {{ username: string, password: string, groups: string[], secondFactor?: string }[]} demoUsers
 */

/** @param {LoginView} view */
export function loginPage({ action, clientName, username, error, demoUsers }) {
  return page(
    'Sign in',
    html`<h1>Sign in</h1>
      <p class="lead">to continue to <strong>${clientName}</strong></p>
      ${error && html`<p class="alert" role="alert">${error}</p>`}
      <form method="post" action="${action}" autocomplete="off">
        <label for="username">Username</label>
        <input
          id="username"
          name="username"
          type="text"
          value="${username}"
          required
          autocapitalize="none"
          spellcheck="false"
          ${!username && trusted('autofocus')}
        />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          required
          ${username && trusted('autofocus')}
        />
        <button type="submit">Sign in</button>
      </form>
      <section class="demo" aria-label="Demo accounts">
        <strong>Demo accounts</strong>
        <ul>
          ${demoUsers.map(
            (user) =>
              html`<li>
                <code>${user.username}</code> / <code>${user.password}</code>${
                  user.groups.includes('admin') ? ' (admin)' : ''
                }${user.secondFactor === 'email' ? ' + email code' : ''}
              </li>`,
          )}
        </ul>
      </section>`,
  );
}

/**
 * @typedef {object} EmailCodeView
 * @property {string} action where the code is posted
 * @property {string} resendAction where "Send a new code" posts
 * @property {string} restartUrl the password step, to sign in as someone else
 * @property {string} maskedEmail the address the code went to, as Okta shows it
 * @property {string} mailboxUrl where the development mailbox shows the message
 * @property {string} [error]
 * @property {string} [notice]
 */

/**
 * The second step for users whose policy asks for the Email authenticator, as on Okta's hosted
 * page: the code from the email, or a new one.
 * @param {EmailCodeView} view
 */
export function emailCodePage({
  action,
  resendAction,
  restartUrl,
  maskedEmail,
  mailboxUrl,
  error,
  notice,
}) {
  return page(
    'Verify with your email',
    html`<h1>Verify with your email</h1>
      <p class="lead">We sent a verification code to <strong>${maskedEmail}</strong>.</p>
      ${error && html`<p class="alert" role="alert">${error}</p>`}
      ${notice && html`<p class="notice" role="status">${notice}</p>`}
      <form method="post" action="${action}" autocomplete="off">
        <label for="code">Verification code</label>
        <input
          id="code"
          name="code"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          required
          autofocus
        />
        <button type="submit">Verify</button>
      </form>
      <form method="post" action="${resendAction}">
        <button type="submit" class="secondary">Send a new code</button>
      </form>
      <section class="demo" aria-label="Where the email is">
        In development no email leaves this computer: read the code in the
        <a href="${mailboxUrl}" target="_blank" rel="noopener">development mailbox</a>. Not you?
        <a href="${restartUrl}">Sign in as someone else</a>.
      </section>`,
  );
}

/**
 * Okta signs out without asking, so the confirmation form oidc-provider hands over is submitted
 * straight away; the button is there for browsers with scripts disabled.
 * @param {string} form oidc-provider's `op.logoutForm` markup
 */
export function logoutPage(form) {
  return page(
    'Signing out',
    html`<h1>Signing out…</h1>
      ${trusted(form)}
      <input type="hidden" form="op.logoutForm" name="logout" value="yes" />
      <button type="submit" form="op.logoutForm">Sign out</button>
      <script>
        document.getElementById('op.logoutForm').submit();
      </script>`,
  );
}

export function signedOutPage() {
  return page(
    'Signed out',
    html`<h1>You are signed out</h1>
      <p class="lead">You can close this window or return to the application to sign in again.</p>`,
  );
}

/**
 * @param {string} error an OAuth error code or short title
 * @param {string} [description]
 */
export function errorPage(error, description) {
  return page(
    'Error',
    html`<h1>Something went wrong</h1>
      <dl>
        <dt>Error</dt>
        <dd><code>${error}</code></dd>
        ${
          description &&
          html`<dt>Description</dt>
            <dd>${description}</dd>`
        }
      </dl>`,
  );
}
