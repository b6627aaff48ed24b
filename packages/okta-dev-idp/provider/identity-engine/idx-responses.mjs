// @ts-check

/*
 * Identity Engine (IDX) responses in the shape Okta publishes: an ION document whose
 * `remediation` lists the forms the client may submit next, each carrying the immutable
 * `stateHandle` field, with `messages` for errors and `successWithInteractionCode` at the end.
 * Modelled: username and password, and the Email authenticator as a second factor (choosing it,
 * then the code, with a resend), in the shapes of the widget's own test responses.
 */

/** @typedef {import('./interaction-store.mjs').Interaction} Interaction */

export const IDX_CONTENT_TYPE = 'application/ion+json; okta-version=1.0.0';
const IDX_ACCEPTS = 'application/json; okta-version=1.0.0';
const IDX_VERSION = '1.0.0';

/** The Okta Password authenticator. */
const PASSWORD_AUTHENTICATOR = {
  type: 'password',
  key: 'okta_password',
  id: 'autDevIdpPassword0001',
  displayName: 'Password',
  methods: [{ type: 'password' }],
};

/** The Email authenticator's id: what `select-authenticator-authenticate` submits. */
export const EMAIL_AUTHENTICATOR_ID = 'autDevIdpEmail0000001';

/** A user's enrollment in the Email authenticator (the same for every user here). */
const EMAIL_ENROLLMENT = {
  type: 'email',
  key: 'okta_email',
  id: 'eaeDevIdpEmail0000001',
  displayName: 'Email',
  methods: [{ type: 'email' }],
};

/**
 * Messages with the i18n keys the widget translates.
 * @typedef {{ message: string, i18n?: { key: string, params?: unknown[] }, class: 'ERROR' | 'INFO' }} IdxMessage
 */
export const MESSAGES = {
  invalidCode: /** @type {IdxMessage} */ ({
    message: 'Invalid code. Try again.',
    i18n: { key: 'api.authn.error.PASSCODE_INVALID', params: [] },
    class: 'ERROR',
  }),
  incorrectPassword: /** @type {IdxMessage} */ ({
    message: 'Password is incorrect',
    i18n: { key: 'incorrectPassword' },
    class: 'ERROR',
  }),
  /** @param {string} identifier @returns {IdxMessage} */
  unknownUser: (identifier) => ({
    message: `There is no account with the Username ${identifier}.`,
    i18n: { key: 'idx.unknown.user', params: [] },
    class: 'INFO',
  }),
  blankField: /** @type {IdxMessage} */ ({
    message: 'This field cannot be left blank',
    i18n: { key: 'model.validation.field.blank' },
    class: 'ERROR',
  }),
  sessionExpired: /** @type {IdxMessage} */ ({
    message: 'The session has expired.',
    i18n: { key: 'idx.session.expired' },
    class: 'ERROR',
  }),
  unmetRequirements: /** @type {IdxMessage} */ ({
    message:
      'Your account has no authenticator that meets the sign-in requirements of this app. Ask your administrator to set one up.',
    i18n: { key: 'idx.error.unmet_authentication_requirements' },
    class: 'ERROR',
  }),
  invalidRequest: /** @type {IdxMessage} */ ({
    message: 'The request is not valid for this step of the sign-in.',
    class: 'ERROR',
  }),
};

/**
 * Builds the IDX documents for one provider.
 * @param {{ orgUrl: string, tokenEndpoint: string }} urls
 */
export function idxResponses({ orgUrl, tokenEndpoint }) {
  /** @param {string} stateHandle */
  const stateHandleField = (stateHandle) => ({
    name: 'stateHandle',
    required: true,
    value: stateHandle,
    visible: false,
    mutable: false,
  });

  const passcodeField = () => ({
    name: 'credentials',
    type: 'object',
    form: { value: [{ name: 'passcode', label: 'Password', secret: true }] },
    required: true,
  });

  /**
   * The code field; a wrong code is reported on the field itself, as Okta does.
   * @param {IdxMessage[]} messages
   */
  const codeField = (messages) => ({
    name: 'credentials',
    type: 'object',
    form: {
      value: [
        {
          name: 'passcode',
          label: 'Enter code',
          ...(messages.length > 0 && { messages: { type: 'array', value: messages } }),
        },
      ],
    },
    required: true,
  });

  /**
   * @param {string} name
   * @param {string} path
   * @param {object[]} fields
   * @param {object} [extra]
   */
  const form = (name, path, fields, extra = {}) => ({
    rel: ['create-form'],
    name,
    ...extra,
    href: `${orgUrl}${path}`,
    method: 'POST',
    produces: IDX_CONTENT_TYPE,
    value: fields,
    accepts: IDX_ACCEPTS,
  });

  /**
   * The parts every document of an interaction shares.
   * @param {Interaction} interaction
   * @param {IdxMessage[]} messages
   */
  const envelope = (interaction, messages) => ({
    version: IDX_VERSION,
    stateHandle: interaction.stateHandle,
    expiresAt: new Date(interaction.expiresAt).toISOString(),
    intent: 'LOGIN',
    ...(messages.length > 0 && { messages: { type: 'array', value: messages } }),
    cancel: form('cancel', '/idp/idx/cancel', [stateHandleField(interaction.stateHandle)]),
  });

  /**
   * @param {string} accountId
   * @param {string} [identifier]
   */
  const user = (accountId, identifier) => ({
    type: 'object',
    value: { id: accountId, ...(identifier && { identifier }) },
  });

  /**
   * The second factors the user may choose from: the Email authenticator, the only one here.
   * Each option points at its enrollment, which is how clients learn its key (`okta_email`).
   * @param {Interaction} interaction
   */
  const selectAuthenticatorForm = (interaction) =>
    form('select-authenticator-authenticate', '/idp/idx/challenge', [
      {
        name: 'authenticator',
        type: 'object',
        options: [
          {
            label: 'Email',
            value: {
              form: {
                value: [
                  { name: 'id', required: true, value: EMAIL_AUTHENTICATOR_ID, mutable: false },
                  { name: 'methodType', required: false, value: 'email', mutable: false },
                ],
              },
            },
            relatesTo: '$.authenticatorEnrollments.value[0]',
          },
        ],
      },
      stateHandleField(interaction.stateHandle),
    ]);

  return {
    /**
     * Who are you? Username and password on one form, as with Okta's default policy; the
     * password may also be left for a second step.
     * @param {Interaction} interaction
     * @param {IdxMessage[]} [messages]
     */
    identify(interaction, messages = []) {
      return {
        ...envelope(interaction, messages),
        remediation: {
          type: 'array',
          value: [
            form('identify', '/idp/idx/identify', [
              { name: 'identifier', label: 'Username', required: true },
              passcodeField(),
              { name: 'rememberMe', type: 'boolean', label: 'Keep me signed in' },
              stateHandleField(interaction.stateHandle),
            ]),
          ],
        },
      };
    },

    /**
     * The second step: the identified user's password.
     * @param {Interaction & { accountId: string }} interaction
     * @param {string} identifier
     * @param {IdxMessage[]} [messages]
     */
    challengePassword(interaction, identifier, messages = []) {
      return {
        ...envelope(interaction, messages),
        remediation: {
          type: 'array',
          value: [
            form(
              'challenge-authenticator',
              '/idp/idx/challenge/answer',
              [passcodeField(), stateHandleField(interaction.stateHandle)],
              { relatesTo: ['$.currentAuthenticatorEnrollment'] },
            ),
          ],
        },
        currentAuthenticatorEnrollment: { type: 'object', value: PASSWORD_AUTHENTICATOR },
        authenticatorEnrollments: { type: 'array', value: [PASSWORD_AUTHENTICATOR] },
        user: user(interaction.accountId, identifier),
      };
    },

    /**
     * The password was right; the user's policy asks for a second factor, to be chosen.
     * @param {Interaction & { accountId: string }} interaction
     * @param {string} identifier
     * @param {IdxMessage[]} [messages]
     */
    selectAuthenticator(interaction, identifier, messages = []) {
      return {
        ...envelope(interaction, messages),
        remediation: { type: 'array', value: [selectAuthenticatorForm(interaction)] },
        authenticatorEnrollments: { type: 'array', value: [EMAIL_ENROLLMENT] },
        user: user(interaction.accountId, identifier),
      };
    },

    /**
     * A code was mailed: the form for it, a resend link, and the way back to the choice of
     * factor ("Verify with something else"). Okta's magic link is off, so the widget shows the
     * code field at once.
     * @param {Interaction & { accountId: string }} interaction
     * @param {string} identifier
     * @param {string} maskedEmail
     * @param {IdxMessage[]} [messages]
     * @param {IdxMessage[]} [codeMessages] on the code field: a wrong code
     */
    challengeEmail(interaction, identifier, maskedEmail, messages = [], codeMessages = []) {
      const stateHandle = stateHandleField(interaction.stateHandle);
      return {
        ...envelope(interaction, messages),
        remediation: {
          type: 'array',
          value: [
            form(
              'challenge-authenticator',
              '/idp/idx/challenge/answer',
              [codeField(codeMessages), stateHandle],
              { relatesTo: ['$.currentAuthenticatorEnrollment'] },
            ),
            selectAuthenticatorForm(interaction),
          ],
        },
        currentAuthenticatorEnrollment: {
          type: 'object',
          value: {
            ...EMAIL_ENROLLMENT,
            profile: { email: maskedEmail },
            resend: form('resend', '/idp/idx/challenge/resend', [stateHandle]),
            contextualData: { useEmailMagicLink: false },
          },
        },
        authenticatorEnrollments: { type: 'array', value: [EMAIL_ENROLLMENT] },
        user: user(interaction.accountId, identifier),
      };
    },

    /**
     * Signed in: the client takes the interaction code to the token endpoint.
     * @param {Interaction} interaction
     * @param {{ code: string, accountId: string, identifier: string, clientName: string }} outcome
     */
    success(interaction, { code, accountId, identifier, clientName }) {
      const { clientId } = interaction.request;
      return {
        ...envelope(interaction, []),
        user: user(accountId, identifier),
        app: { type: 'object', value: { name: 'oidc_client', label: clientName, id: clientId } },
        successWithInteractionCode: {
          rel: ['create-form'],
          name: 'issue',
          href: tokenEndpoint,
          method: 'POST',
          value: [
            { name: 'grant_type', required: true, value: 'interaction_code' },
            { name: 'interaction_code', required: true, value: code },
            { name: 'client_id', required: true, value: clientId },
            { name: 'code_verifier', required: true },
          ],
          accepts: 'application/x-www-form-urlencoded',
        },
      };
    },

    /**
     * A request that names no live interaction: nothing to remediate, only a message.
     * @param {IdxMessage} message
     */
    failure(message) {
      return { version: IDX_VERSION, messages: { type: 'array', value: [message] } };
    },
  };
}

/** @typedef {ReturnType<typeof idxResponses>} IdxResponses */
