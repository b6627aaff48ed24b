import { AuthenticatorKey, IdxStatus } from '@okta/okta-auth-js';
import { Browser } from './support/browser';
import { latestCode, mailTo, wrongCode } from './support/mailbox';
import { DAVE } from './support/sign-in';
import { useStack } from './support/stack';
import {
  callbackUrl,
  identify,
  idxOptions,
  openWidgetPage,
  widgetAuthClient,
  type WidgetPageOptions,
} from './support/widget-client';

const IDX_JSON = 'application/ion+json; okta-version=1.0.0';

/**
 * A second factor in the Identity Engine subset the embedded widget uses: after the password,
 * Dave's policy offers the Email authenticator (`select-authenticator-authenticate`), then asks
 * for the mailed code (`challenge-authenticator`).
 */
describe('Sign-in with an email code through the Identity Engine, against the development identity provider', () => {
  const stack = useStack({ env: { OKTA_SIGN_IN_MODE: 'widget' } });
  const { url } = stack;

  async function signedInEmail(browser: Browser): Promise<unknown> {
    const me = await browser.request(url('/api/me'), { accept: 'application/json' });
    return me.status === 200 ? (JSON.parse(me.body) as { email?: unknown }).email : me.status;
  }

  /** okta-auth-js runs one step per call (the widget's way): the password first. */
  async function choiceOfFactor(options: WidgetPageOptions) {
    const client = widgetAuthClient(options);
    const choice = await identify(client, options, DAVE);
    expect(choice.status).toBe(IdxStatus.PENDING);
    expect(choice.nextStep?.name).toBe('select-authenticator-authenticate');
    return { client, choice };
  }

  it('okta-auth-js: password, the Email authenticator chosen, a wrong code, then the right one', async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login?returnTo=%2Fprofile'));
    const { client } = await choiceOfFactor(options);

    const challenged = await client.idx.proceed({
      ...idxOptions(options),
      step: 'select-authenticator-authenticate',
      authenticator: AuthenticatorKey.OKTA_EMAIL,
    });
    expect(challenged.status).toBe(IdxStatus.PENDING);
    expect(challenged.nextStep?.name).toBe('challenge-authenticator');
    expect(challenged.nextStep?.relatesTo?.value).toMatchObject({
      key: 'okta_email',
      type: 'email',
      profile: { email: 'd***e@example.com' },
    });
    expect(challenged.nextStep?.canResend).toBe(true);
    const code = await latestCode(stack.issuer, DAVE.username);

    const verify = (verificationCode: string) =>
      client.idx.proceed({
        ...idxOptions(options),
        step: 'challenge-authenticator',
        verificationCode,
      });
    const refused = await verify(wrongCode(code));
    expect(refused.status).toBe(IdxStatus.PENDING);
    expect(refused.messages).toEqual([
      expect.objectContaining({
        message: 'Invalid code. Try again.',
        class: 'ERROR',
        i18n: expect.objectContaining({ key: 'api.authn.error.PASSCODE_INVALID' }) as unknown,
      }),
    ]);
    expect(await signedInEmail(browser)).toBe(401);

    const landed = await browser.request(callbackUrl(options, await verify(code)));
    expect(landed.location).toBe(url('/profile'));
    expect(await signedInEmail(browser)).toBe('dave@example.com');
  });

  it('lists the Email authenticator as the only choice, and resends the code on request', async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login'));
    const { client, choice } = await choiceOfFactor(options);
    const [authenticator] = choice.nextStep?.inputs ?? [];
    expect(
      authenticator?.options?.map((o) => [o.label, (o.relatesTo as { key?: string })?.key]),
    ).toEqual([['Email', 'okta_email']]);
    const mailsBefore = (await mailTo(stack.issuer, DAVE.username)).length;

    await client.idx.proceed({
      ...idxOptions(options),
      step: 'select-authenticator-authenticate',
      authenticator: AuthenticatorKey.OKTA_EMAIL,
    });
    const first = await latestCode(stack.issuer, DAVE.username);
    await client.idx.proceed({ ...idxOptions(options), resend: true });
    const second = await latestCode(stack.issuer, DAVE.username);
    expect((await mailTo(stack.issuer, DAVE.username)).length).toBe(mailsBefore + 2);
    // Two random six-digit codes: equal once in a million runs.
    expect(second).not.toBe(first);

    const verify = (verificationCode: string) =>
      client.idx.proceed({
        ...idxOptions(options),
        step: 'challenge-authenticator',
        verificationCode,
      });
    const stale = await verify(first);
    expect(stale.messages?.[0]?.i18n?.key).toBe('api.authn.error.PASSCODE_INVALID');
    await browser.request(callbackUrl(options, await verify(second)));
    expect(await signedInEmail(browser)).toBe('dave@example.com');
  });

  describe('on the wire', () => {
    const org = () => stack.issuer.replace(/\/oauth2\/.*$/, '');

    async function idx(path: string, body: object): Promise<{ status: number; json: IdxDocument }> {
      const response = await fetch(`${org()}/idp/idx/${path}`, {
        method: 'POST',
        headers: { 'content-type': IDX_JSON, accept: IDX_JSON },
        body: JSON.stringify(body),
      });
      expect(response.headers.get('content-type')).toMatch(/application\/ion\+json/);
      return { status: response.status, json: (await response.json()) as IdxDocument };
    }

    /** `introspect` of the interaction the app started, as the widget calls it: its state handle. */
    async function startInteraction(options: WidgetPageOptions): Promise<string> {
      const introspect = await idx('introspect', { interactionHandle: options.interactionHandle });
      return introspect.json.stateHandle;
    }

    /** Dave's password, in one step: the answer offers the second factor. */
    async function passwordStep(stateHandle: string) {
      return idx('identify', {
        identifier: DAVE.username,
        credentials: { passcode: DAVE.password },
        stateHandle,
      });
    }

    const names = (document: IdxDocument) => document.remediation.value.map((r) => r.name);
    const field = (fields: IdxField[], name: string) => fields.find((f) => f.name === name);

    it('answers each step with the documents the widget renders, and the right statuses', async () => {
      const { options } = await openWidgetPage(new Browser(), url('/login'));
      const stateHandle = await startInteraction(options);

      const identified = await passwordStep(stateHandle);
      expect(identified.status).toBe(200);
      expect(names(identified.json)).toEqual(['select-authenticator-authenticate']);
      const [option] = field(identified.json.remediation.value[0].value, 'authenticator')!.options!;
      expect(option.label).toBe('Email');
      expect(option.relatesTo).toBe('$.authenticatorEnrollments.value[0]');
      expect(identified.json.authenticatorEnrollments?.value[0]).toMatchObject({
        key: 'okta_email',
      });
      expect(identified.json.successWithInteractionCode).toBeUndefined();

      // No code can be answered before a factor is chosen, nor an unknown factor chosen.
      const early = await idx('challenge/answer', { credentials: { passcode: '1' }, stateHandle });
      expect(early.status).toBe(400);
      const unknown = await idx('challenge', { authenticator: { id: 'aut-nope' }, stateHandle });
      expect(unknown.status).toBe(400);

      const authenticatorId = field(option.value.form.value, 'id')!.value;
      const chosen = await idx('challenge', {
        authenticator: { id: authenticatorId },
        stateHandle,
      });
      expect(chosen.status).toBe(200);
      expect(names(chosen.json)).toEqual([
        'challenge-authenticator',
        'select-authenticator-authenticate',
      ]);
      expect(chosen.json.currentAuthenticatorEnrollment?.value).toMatchObject({
        type: 'email',
        key: 'okta_email',
        profile: { email: 'd***e@example.com' },
        resend: { name: 'resend', href: `${org()}/idp/idx/challenge/resend` },
      });
      // A bad request at this step is reported for the form, not as a wrong code.
      const invalid = await idx('challenge', { authenticator: { id: 'aut-nope' }, stateHandle });
      expect(invalid.status).toBe(400);
      expect(invalid.json.messages?.value).toHaveLength(1);
      const untouched = field(invalid.json.remediation.value[0].value, 'credentials')!;
      expect(field(untouched.form!.value, 'passcode')?.messages).toBeUndefined();

      const code = await latestCode(stack.issuer, DAVE.username);
      const wrong = await idx('challenge/answer', {
        credentials: { passcode: wrongCode(code) },
        stateHandle,
      });
      expect(wrong.status).toBe(401);
      const credentials = field(wrong.json.remediation.value[0].value, 'credentials')!;
      expect(field(credentials.form!.value, 'passcode')?.messages?.value).toEqual([
        expect.objectContaining({
          message: 'Invalid code. Try again.',
          i18n: expect.objectContaining({ key: 'api.authn.error.PASSCODE_INVALID' }) as unknown,
        }),
      ]);

      const right = await idx('challenge/answer', { credentials: { passcode: code }, stateHandle });
      expect(right.status).toBe(200);
      expect(
        field(right.json.successWithInteractionCode!.value, 'interaction_code')?.value,
      ).toEqual(expect.any(String));
    });

    it('cancels a sign-in waiting for its code: its state handle is gone, a new one starts at identify', async () => {
      const { options } = await openWidgetPage(new Browser(), url('/login'));
      const stateHandle = await startInteraction(options);
      await passwordStep(stateHandle);
      const chosen = await idx('challenge', {
        authenticator: { id: 'autDevIdpEmail0000001' },
        stateHandle,
      });
      expect(chosen.status).toBe(200);
      const code = await latestCode(stack.issuer, DAVE.username);

      const cancelled = await idx('cancel', { stateHandle });
      expect(cancelled.status).toBe(200);
      expect(names(cancelled.json)).toEqual(['identify']);
      expect(cancelled.json.stateHandle).not.toBe(stateHandle);
      const late = await idx('challenge/answer', { credentials: { passcode: code }, stateHandle });
      expect(late.status).toBe(401);
      expect(late.json.successWithInteractionCode).toBeUndefined();
    });
  });
});

/** The parts of Identity Engine documents these tests read. */
interface IdxField {
  name: string;
  value?: unknown;
  options?: { label: string; relatesTo: string; value: { form: { value: IdxField[] } } }[];
  form?: { value: IdxField[] };
  messages?: { value: { message: string; i18n?: { key: string } }[] };
}

interface IdxDocument {
  stateHandle: string;
  messages?: { value: { message: string }[] };
  remediation: { value: { name: string; value: IdxField[] }[] };
  authenticatorEnrollments?: { value: { key: string }[] };
  currentAuthenticatorEnrollment?: { value: Record<string, unknown> };
  successWithInteractionCode?: { value: IdxField[] };
}
