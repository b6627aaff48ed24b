import { TokenEndpointError } from './oidc.errors';

describe('TokenEndpointError', () => {
  it("keeps the provider's words on one bounded line, since they reach the logs", () => {
    const error = new TokenEndpointError('invalid_grant', `first\nsecond ${'x'.repeat(5000)}`);
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toMatch(/^invalid_grant: first second x+…$/);
    expect(error.error).toBe('invalid_grant');
  });
});
