/** A message in the development identity provider's mailbox (`GET /dev/mailbox.json`). */
export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  code?: string;
  sentAt: string;
}

/** The development mailbox's page, at the provider's origin (not under the issuer). */
export function mailboxUrl(issuer: string): string {
  return `${new URL(issuer).origin}/dev/mailbox`;
}

/** The messages sent to `email`, newest first. */
export async function mailTo(issuer: string, email: string): Promise<MailMessage[]> {
  const response = await fetch(`${mailboxUrl(issuer)}.json?to=${encodeURIComponent(email)}`);
  if (response.status !== 200) throw new Error(`The mailbox answered ${response.status}`);
  return ((await response.json()) as { messages: MailMessage[] }).messages;
}

/** The code in the newest message to `email`. */
export async function latestCode(issuer: string, email: string): Promise<string> {
  const [newest] = await mailTo(issuer, email);
  if (!newest?.code) throw new Error(`No code was mailed to ${email}`);
  return newest.code;
}

/** A six-digit code that is not `code`. */
export function wrongCode(code: string): string {
  return code === '000000' ? '111111' : '000000';
}
