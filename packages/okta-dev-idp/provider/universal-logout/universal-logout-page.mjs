// @ts-check
import { html, trusted } from '../html.mjs';

// Inline, like the sign-in pages, so the page needs no static route.
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d21;background:#f4f5f7}
.banner{margin:0;padding:.6rem 1rem;text-align:center;font-size:.875rem;font-weight:600;color:#5c3c00;background:#ffd98a;border-bottom:1px solid #e8b84a}
main{max-width:44rem;margin:0 auto;padding:2rem 1rem}
h1{margin:0 0 .25rem;font-size:1.5rem}
.lead{margin:0 0 1.5rem;color:#5b5d66}
.result{margin:0 0 1.5rem;padding:.6rem .75rem;border-radius:.375rem;border:1px solid}
.sent{color:#0b5b2a;background:#e9f7ee;border-color:#9fd8b3}
.failed{color:#8a1222;background:#fdecee;border-color:#f3b6be}
ul{margin:0;padding:0;list-style:none}
li{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:1rem;margin-bottom:.75rem;background:#fff;border:1px solid #dcdde2;border-radius:.5rem}
form{display:flex;flex-wrap:wrap;gap:.5rem}
button{padding:.5rem .75rem;font:inherit;font-weight:600;color:#fff;background:#1662dd;border:0;border-radius:.375rem;cursor:pointer}
button:hover{background:#0f4fb8}
button:focus{outline:3px solid #9cc2ff;outline-offset:1px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85em;word-break:break-all}
`;

/**
 * @typedef {object} UniversalLogoutView
 * @property {string} action where the buttons post to
 * @property {string | undefined} endpoint the app's Global Token Revocation endpoint
 * @property {{ name: string, email: string, sub: string }[]} users
 * @property {{ sent: boolean, text: string }} [result] what the last button press did
 */

/**
 * One button per demo user and subject format, each sending the app what Okta would.
 * @param {UniversalLogoutView} view
 */
export function universalLogoutPage({ action, endpoint, users, result }) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="data:," />
        <title>Universal Logout · Development identity provider</title>
        <style>
          ${trusted(STYLE)}
        </style>
      </head>
      <body>
        <p class="banner" role="note">Development identity provider — not for production</p>
        <main>
          <h1>Universal Logout</h1>
          <p class="lead">
            Sends the app what Okta sends when an admin clears a user's sessions: a POST to
            ${
              endpoint
                ? html`<code>${endpoint}</code>`
                : html`the app's Global Token Revocation endpoint (none is configured: start the
                    provider with <code>--universal-logout-endpoint</code>)`
            },
            with a JWT signed by the org authorization server.
          </p>
          ${
            result &&
            html`<p class="result ${result.sent ? 'sent' : 'failed'}" role="status">
              ${result.text}
            </p>`
          }
          <ul>
            ${users.map(
              (user) =>
                html`<li>
                  <span><strong>${user.name}</strong><br /><code>${user.email}</code></span>
                  <form method="post" action="${action}">
                    <input type="hidden" name="sub" value="${user.sub}" />
                    <button name="format" value="email">By email</button>
                    <button name="format" value="iss_sub">By issuer and subject</button>
                  </form>
                </li>`,
            )}
          </ul>
        </main>
      </body>
    </html>`.toString();
}
