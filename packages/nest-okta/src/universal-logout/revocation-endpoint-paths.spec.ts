import type { Request } from 'express';
import type { RoutePrefix } from '../request/route-prefix';
import { revocationEndpointPaths } from './revocation-endpoint-paths';

const PATH = '/global-token-revocation';
const prefixed =
  (prefix: string): (() => RoutePrefix) =>
  () => ({
    prefix,
    isExcluded: () => false,
  });
const at = (path: string) => ({ path }) as Request;

describe('revocationEndpointPaths', () => {
  it('takes every spelling Express routes to the endpoint: any case, one trailing slash', () => {
    const isEndpoint = revocationEndpointPaths(PATH, prefixed(''), false);
    for (const path of [PATH, PATH.toUpperCase(), `${PATH}/`, '/Global-Token-Revocation']) {
      expect(isEndpoint(at(path))).toBe(true);
    }
    for (const path of ['/', `${PATH}//`, `/x${PATH}`, `${PATH}.json`, `/t/acme${PATH}`]) {
      expect(isEndpoint(at(path))).toBe(false);
    }
  });

  it('takes the path under the global prefix, and without it in case it is excluded', () => {
    const isEndpoint = revocationEndpointPaths(PATH, prefixed('/app'), false);
    expect(isEndpoint(at(`/app${PATH}`))).toBe(true);
    expect(isEndpoint(at(`/APP${PATH}/`))).toBe(true);
    expect(isEndpoint(at(PATH))).toBe(true);
    expect(isEndpoint(at(`/api${PATH}`))).toBe(false);
  });

  it("takes a path tenant's segment before or after the prefix, as the module takes it out", () => {
    const isEndpoint = revocationEndpointPaths(PATH, prefixed('/app'), true);
    for (const path of [`/t/acme${PATH}`, `/app/t/acme${PATH}`, `/t/acme/app${PATH}`]) {
      expect(isEndpoint(at(path))).toBe(true);
    }
    expect(isEndpoint(at(`/t/acme/extra${PATH}`))).toBe(false);
  });

  it('reads the prefix on the first request, once the app has set it', () => {
    let prefix = '';
    const isEndpoint = revocationEndpointPaths(PATH, () => prefixed(prefix)(), false);
    prefix = '/app';
    expect(isEndpoint(at(`/app${PATH}`))).toBe(true);
  });
});
