import { MalformedRevocationRequestError } from './revocation-errors';
import { revocationSubject } from './revocation-subject';

describe('revocationSubject', () => {
  it('reads an email subject', () => {
    expect(revocationSubject({ subject: { format: 'email', email: 'bob@example.com' } })).toEqual({
      format: 'email',
      email: 'bob@example.com',
    });
  });

  it('reads an issuer-and-subject subject, ignoring members it does not use', () => {
    expect(
      revocationSubject({
        subject: { format: 'iss_sub', iss: 'https://issuer.example.com/', sub: '145234573' },
        reason: 'deactivated',
      }),
    ).toEqual({ format: 'iss_sub', iss: 'https://issuer.example.com/', sub: '145234573' });
  });

  it('accepts the draft’s earlier name for the member, sub_id', () => {
    expect(revocationSubject({ sub_id: { format: 'email', email: 'bob@example.com' } })).toEqual({
      format: 'email',
      email: 'bob@example.com',
    });
  });

  it.each<[string, unknown]>([
    ['no body', undefined],
    ['a list', [{ format: 'email', email: 'bob@example.com' }]],
    ['no subject', { user: 'bob@example.com' }],
    ['a subject that is a string', { subject: 'bob@example.com' }],
    ['an unknown format', { subject: { format: 'phone_number', phone_number: '+1 555 0100' } }],
    ['no format', { subject: { email: 'bob@example.com' } }],
    ['an email subject without an email', { subject: { format: 'email' } }],
    ['an email that is no address', { subject: { format: 'email', email: 'bob' } }],
    ['an email that is not a string', { subject: { format: 'email', email: ['bob@example.com'] } }],
    [
      'an iss_sub subject without sub',
      { subject: { format: 'iss_sub', iss: 'https://i.example' } },
    ],
    ['an iss_sub subject with a blank iss', { subject: { format: 'iss_sub', iss: ' ', sub: 'x' } }],
    [
      'a subject too long to be anyone',
      { subject: { format: 'iss_sub', iss: 'https://i.example', sub: 'x'.repeat(2000) } },
    ],
  ])('refuses %s as malformed', (_case, body) => {
    expect(() => revocationSubject(body)).toThrow(MalformedRevocationRequestError);
  });

  it('never puts the caller’s format text in its reason', () => {
    expect(() => revocationSubject({ subject: { format: '<script>secret@example.com' } })).toThrow(
      /unknown subject format \(string\)$/,
    );
  });
});
