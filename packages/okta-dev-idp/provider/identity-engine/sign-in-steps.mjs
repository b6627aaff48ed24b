// @ts-check
import { maskEmail } from '../email-authenticator.mjs';
import { authenticationResult, factorsFor } from '../sign-on-policy.mjs';
import { EMAIL_AUTHENTICATOR_ID, MESSAGES } from './idx-responses.mjs';

/*
 * What each Identity Engine form does to a sign-in, and the IDX document that answers it. The
 * sign-on policy (sign-on-policy.mjs): a password for everyone, then the Email authenticator
 * (chosen, then its code) when the user's policy or the request's `acr_values` asks for it; a
 * level the user cannot reach ends the interaction with a message. Each function returns the
 * answer; sending it is the routes' business.
 */

/** @typedef {import('./interaction-store.mjs').Interaction} Interaction */
/** @typedef {import('./idx-responses.mjs').IdxMessage} IdxMessage */
/** @typedef {import('./identity-engine-routes.mjs').IdentityEngineOptions} IdentityEngineOptions */
/** @typedef {{ status: number, document: object }} IdxAnswer */
/** @typedef {Record<string, any>} Body */

/**
 * `identify`: with a password, one step; without, the password is asked for next.
 * @param {IdentityEngineOptions} options
 * @param {Interaction} interaction
 * @param {Body} body
 * @returns {Promise<IdxAnswer>}
 */
export async function identify(options, interaction, body) {
  const { accounts, interactions, responses } = options;
  const identifier = typeof body.identifier === 'string' ? body.identifier.trim() : '';
  if (!identifier) return answer(400, responses.identify(interaction, [MESSAGES.blankField]));
  const accountId = accounts.accountIdFor(identifier);
  if (!accountId) {
    return answer(400, responses.identify(interaction, [MESSAGES.unknownUser(identifier)]));
  }
  const passcode = body.credentials?.passcode;
  if (passcode === undefined) {
    interactions.identify(interaction, accountId, identifier);
    return answer(200, currentStep(options, interaction));
  }
  if (typeof passcode !== 'string' || accounts.authenticate(identifier, passcode) !== accountId) {
    return answer(401, responses.identify(interaction, [MESSAGES.incorrectPassword]));
  }
  return passwordVerified(options, interaction, accountId, identifier);
}

/**
 * `challenge/answer`: the password, or the emailed code, whichever the sign-in waits for.
 * @param {IdentityEngineOptions} options
 * @param {Interaction} interaction
 * @param {Body} body
 * @returns {Promise<IdxAnswer>}
 */
export async function answerChallenge(options, interaction, body) {
  const { accountId, identifier = '' } = interaction;
  const passcode = body.credentials?.passcode;
  if (interaction.step === 'challenge-email') {
    const verified = options.emailAuthenticator.verify(interaction.handle, passcode);
    if (!accountId || verified !== accountId) {
      return answer(401, currentStep(options, interaction, [], [MESSAGES.invalidCode]));
    }
    return succeed(options, interaction, accountId, identifier, true);
  }
  if (
    !accountId ||
    typeof passcode !== 'string' ||
    options.accounts.authenticate(identifier, passcode) !== accountId
  ) {
    return answer(401, currentStep(options, interaction, [MESSAGES.incorrectPassword]));
  }
  return passwordVerified(options, interaction, accountId, identifier);
}

/**
 * `challenge` (`select-authenticator-authenticate`): the user chose the Email authenticator, so a
 * code is mailed. Choosing it again ("Verify with something else", then Email) mails a new one.
 * @param {IdentityEngineOptions} options
 * @param {Interaction} interaction
 * @param {Body} body
 * @returns {Promise<IdxAnswer>}
 */
export async function selectAuthenticator(options, interaction, body) {
  const user = interaction.accountId ? options.accounts.userOf(interaction.accountId) : undefined;
  if (!user || body.authenticator?.id !== EMAIL_AUTHENTICATOR_ID) {
    return answer(400, currentStep(options, interaction, [MESSAGES.invalidRequest]));
  }
  options.emailAuthenticator.send(interaction.handle, {
    accountId: user.sub,
    email: user.email,
    appName: await clientNameOf(options, interaction),
  });
  options.interactions.emailSent(interaction);
  return answer(200, currentStep(options, interaction));
}

/**
 * `challenge/resend`: a new code; the previous one stops working.
 * @param {IdentityEngineOptions} options
 * @param {Interaction} interaction
 * @returns {IdxAnswer}
 */
export function resendCode(options, interaction) {
  options.emailAuthenticator.resend(interaction.handle);
  return answer(200, currentStep(options, interaction));
}

/**
 * `cancel`: the sign-in starts over, as Okta's does, and a pending code dies with it.
 * @param {IdentityEngineOptions} options
 * @param {Interaction} interaction
 * @returns {IdxAnswer}
 */
export function cancel(options, interaction) {
  options.emailAuthenticator.end(interaction.handle);
  return answer(200, options.responses.identify(options.interactions.restart(interaction)));
}

/**
 * The document for where the sign-in stands.
 * @param {IdentityEngineOptions} options
 * @param {Interaction} interaction
 * @param {IdxMessage[]} [messages]
 * @param {IdxMessage[]} [codeMessages] on the email code's field, as Okta reports a wrong code
 */
export function currentStep(
  { accounts, responses },
  interaction,
  messages = [],
  codeMessages = [],
) {
  const { accountId, identifier = '' } = interaction;
  if (!accountId) return responses.identify(interaction, messages);
  const identified = { ...interaction, accountId };
  switch (interaction.step) {
    case 'challenge-password':
      return responses.challengePassword(identified, identifier, messages);
    case 'select-authenticator':
      return responses.selectAuthenticator(identified, identifier, messages);
    case 'challenge-email':
      return responses.challengeEmail(
        identified,
        identifier,
        maskEmail(accounts.userOf(accountId)?.email ?? ''),
        messages,
        codeMessages,
      );
    default:
      return responses.identify(interaction, messages);
  }
}

/**
 * The password was right: the sign-in ends here unless the user's policy asks for more.
 * @param {IdentityEngineOptions} options
 * @param {Interaction} interaction
 * @param {string} accountId
 * @param {string} identifier
 * @returns {Promise<IdxAnswer>}
 */
async function passwordVerified(options, interaction, accountId, identifier) {
  const user = options.accounts.userOf(accountId);
  const factors = user ? factorsFor(user, interaction.request.acr) : { unmet: true };
  if (factors.unmet) {
    options.interactions.end(interaction);
    return answer(403, options.responses.failure(MESSAGES.unmetRequirements));
  }
  if (!factors.emailCode) return succeed(options, interaction, accountId, identifier, false);
  options.interactions.passwordVerified(interaction, accountId, identifier);
  return answer(200, currentStep(options, interaction));
}

/**
 * Every factor is verified: the interaction ends with an interaction code.
 * @param {IdentityEngineOptions} options
 * @param {Interaction} interaction
 * @param {string} accountId
 * @param {string} identifier
 * @param {boolean} emailCode whether the Email authenticator's code was verified
 * @returns {Promise<IdxAnswer>}
 */
async function succeed(options, interaction, accountId, identifier, emailCode) {
  const clientName = await clientNameOf(options, interaction);
  const code = options.interactions.complete(
    interaction,
    accountId,
    authenticationResult(interaction.request.acr, emailCode),
  );
  return answer(
    200,
    options.responses.success(interaction, { code, accountId, identifier, clientName }),
  );
}

/**
 * @param {IdentityEngineOptions} options
 * @param {Interaction} interaction
 */
async function clientNameOf({ provider }, interaction) {
  const client = await provider.Client.find(interaction.request.clientId);
  return client?.clientName ?? interaction.request.clientId;
}

/**
 * @param {number} status
 * @param {object} document
 * @returns {IdxAnswer}
 */
function answer(status, document) {
  return { status, document };
}
