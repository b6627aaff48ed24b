// Starts the Okta Sign-In Widget with the options the server rendered into the page. The server
// has started the interaction at /v1/interact itself (authenticated as the app, which a browser
// cannot be): its handle is saved as okta-auth-js's transaction, so the widget resumes that
// interaction instead of calling /v1/interact. On success the widget sends the browser to the
// redirect URI with the interaction code. A module runs after the page is parsed, so the
// widget's script (loaded before it) has defined OktaSignIn.
/* global console, document, OktaSignIn */
const { interactionHandle, ...options } = JSON.parse(
  document.getElementById('okta-sign-in-widget-options').textContent,
);
const signIn = new OktaSignIn(options);
signIn.authClient.idx.saveTransactionMeta({
  issuer: options.issuer,
  clientId: options.clientId,
  redirectUri: options.redirectUri,
  scopes: options.scopes,
  state: options.state,
  codeChallenge: options.codeChallenge,
  codeChallengeMethod: options.codeChallengeMethod,
  interactionHandle,
  flow: 'default',
  withCredentials: true,
});
signIn.showSignInAndRedirect({ el: '#okta-sign-in-widget' }).catch((error) => {
  console.error('The Okta Sign-In Widget failed', error);
  document.querySelector('.widget-failure').hidden = false;
});
