// Starts the Okta Sign-In Widget with the options the server rendered into the page. On
// success the widget sends the browser to the redirect URI with the interaction code. A module
// runs after the page is parsed, so the widget's script (loaded before it) has defined OktaSignIn.
/* global console, document, OktaSignIn */
const options = JSON.parse(document.getElementById('okta-sign-in-widget-options').textContent);
const signIn = new OktaSignIn(options);
signIn.showSignInAndRedirect({ el: '#okta-sign-in-widget' }).catch((error) => {
  console.error('The Okta Sign-In Widget failed', error);
  document.querySelector('.widget-failure').hidden = false;
});
