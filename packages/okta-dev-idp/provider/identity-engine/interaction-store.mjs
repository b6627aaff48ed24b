// @ts-check
import { randomBytes } from 'node:crypto';

/**
 * What the client asked for at `/v1/interact`; the interaction code inherits it.
 * @typedef {object} InteractionRequest
 * @property {string} clientId
 * @property {string} redirectUri
 * @property {string} scope
 * @property {string} state
 * @property {string} codeChallenge S256
 * @property {string} [nonce]
 * @property {string} [acr] the `acr_values` level asked for (see sign-on-policy.mjs)
 */

/**
 * Where a sign-in stands: `identify` asks who the user is, `challenge-password` asks the
 * identified user for a password; for a user whose policy also asks for the Email authenticator,
 * `select-authenticator` offers it and `challenge-email` asks for the code that was mailed.
 * @typedef {'identify' | 'challenge-password' | 'select-authenticator' | 'challenge-email'} Step
 */

/**
 * One sign-in in progress.
 * @typedef {object} Interaction
 * @property {string} handle the interaction handle `/v1/interact` returned
 * @property {string} stateHandle the handle every IDX request carries
 * @property {InteractionRequest} request
 * @property {Step} step
 * @property {string} [accountId] set once the user is identified
 * @property {string} [identifier] the login the user identified with
 * @property {number} expiresAt epoch milliseconds
 */

/**
 * @typedef {object} IssuedInteractionCode
 * @property {InteractionRequest} request
 * @property {string} accountId
 * @property {number} authTime epoch seconds
 * @property {string} [acr] the level met, when the request asked for one
 * @property {string[]} amr the methods verified
 * @property {number} expiresAt epoch milliseconds
 */

/** Okta's sign-in transactions last minutes; long enough to type a password. */
export const INTERACTION_TTL_MS = 15 * 60 * 1000;
/** Like an authorization code: the app redeems it at once. */
export const INTERACTION_CODE_TTL_MS = 60 * 1000;

const token = () => randomBytes(32).toString('base64url');

/**
 * Interactions and interaction codes, in memory: they end with the process, and expired ones
 * are dropped whenever something is written (no timer to keep the process alive).
 */
export function createInteractionStore() {
  /** @type {Map<string, Interaction>} */
  const interactions = new Map();
  /** @type {Map<string, string>} stateHandle → interaction handle */
  const handlesByState = new Map();
  /** @type {Map<string, IssuedInteractionCode>} */
  const codes = new Map();

  const sweep = () => {
    const now = Date.now();
    for (const interaction of interactions.values()) {
      if (interaction.expiresAt <= now) forget(interaction);
    }
    for (const [code, issued] of codes) if (issued.expiresAt <= now) codes.delete(code);
  };

  /** @param {Interaction} interaction */
  const forget = (interaction) => {
    interactions.delete(interaction.handle);
    handlesByState.delete(interaction.stateHandle);
  };

  return {
    /**
     * @param {InteractionRequest} request
     * @returns {Interaction}
     */
    begin(request) {
      sweep();
      /** @type {Interaction} */
      const interaction = {
        handle: token(),
        stateHandle: token(),
        request,
        step: 'identify',
        expiresAt: Date.now() + INTERACTION_TTL_MS,
      };
      interactions.set(interaction.handle, interaction);
      handlesByState.set(interaction.stateHandle, interaction.handle);
      return interaction;
    },

    /**
     * The live interaction named by either handle, if any.
     * @param {{ interactionHandle?: unknown, stateHandle?: unknown }} handles
     * @returns {Interaction | undefined}
     */
    find({ interactionHandle, stateHandle }) {
      const handle =
        typeof interactionHandle === 'string'
          ? interactionHandle
          : typeof stateHandle === 'string'
            ? handlesByState.get(stateHandle)
            : undefined;
      const interaction = handle === undefined ? undefined : interactions.get(handle);
      return interaction && interaction.expiresAt > Date.now() ? interaction : undefined;
    },

    /**
     * The user is known; the password comes next.
     * @param {Interaction} interaction
     * @param {string} accountId
     * @param {string} identifier
     */
    identify(interaction, accountId, identifier) {
      interaction.step = 'challenge-password';
      interaction.accountId = accountId;
      interaction.identifier = identifier;
    },

    /**
     * The password was right, and the user's policy asks for a second factor, chosen next.
     * @param {Interaction} interaction
     * @param {string} accountId
     * @param {string} identifier
     */
    passwordVerified(interaction, accountId, identifier) {
      interaction.step = 'select-authenticator';
      interaction.accountId = accountId;
      interaction.identifier = identifier;
    },

    /**
     * A code went to the user's email; typing it comes next.
     * @param {Interaction} interaction
     */
    emailSent(interaction) {
      interaction.step = 'challenge-email';
    },

    /**
     * Ends the interaction and starts a fresh one for the same request, as Okta's cancel does.
     * @param {Interaction} interaction
     */
    restart(interaction) {
      forget(interaction);
      return this.begin(interaction.request);
    },

    /**
     * Ends the interaction: it cannot go on (a level the user cannot reach).
     * @param {Interaction} interaction
     */
    end(interaction) {
      forget(interaction);
    },

    /**
     * Ends the interaction with an interaction code for the signed-in user.
     * @param {Interaction} interaction
     * @param {string} accountId
     * @param {{ acr?: string, amr: string[] }} authentication what the sign-in verified
     * @returns {string} the interaction code
     */
    complete(interaction, accountId, authentication) {
      forget(interaction);
      sweep();
      const code = token();
      codes.set(code, {
        request: interaction.request,
        accountId,
        ...authentication,
        authTime: Math.floor(Date.now() / 1000),
        expiresAt: Date.now() + INTERACTION_CODE_TTL_MS,
      });
      return code;
    },

    /**
     * Takes the code out of the store, so it can be exchanged once only.
     * @param {unknown} code
     * @returns {IssuedInteractionCode | undefined}
     */
    redeem(code) {
      if (typeof code !== 'string') return undefined;
      const issued = codes.get(code);
      codes.delete(code);
      return issued && issued.expiresAt > Date.now() ? issued : undefined;
    },
  };
}

/** @typedef {ReturnType<typeof createInteractionStore>} InteractionStore */
