import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import type { AuthenticationRequirement } from '../options/authentication-requirement';
import { acrValuesProblem, maxAgeProblem } from '../sign-in/sign-in-request';
import { REQUIRED_AUTHENTICATION_KEY, StepUpGuard } from './step-up.guard';

/**
 * Asks more of a sign-in than the global guard does: an `acr` among `acr` (exact match; the
 * step-up asks Okta for the first value), and an authentication within `maxAgeSeconds`. `@Groups`
 * is checked first, so a user it refuses is refused at once. A page asked for with GET signs the
 * user in again and comes back; an API or any other method gets 401 with RFC 9470's
 * `WWW-Authenticate`. A mistake in the arguments stops the app as it loads.
 */
export const RequireAuthentication = (requirement: AuthenticationRequirement) => {
  const { acr, maxAgeSeconds } = requirement;
  const problems = [
    acr === undefined && maxAgeSeconds === undefined && 'give acr, maxAgeSeconds or both',
    acr !== undefined && acrValuesProblem(acr),
    maxAgeSeconds !== undefined && maxAgeProblem(maxAgeSeconds),
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) {
    throw new TypeError(`@RequireAuthentication(): ${problems.join('; ')}`);
  }
  const checked: AuthenticationRequirement = {
    ...(acr && { acr: [...acr] }),
    ...(maxAgeSeconds !== undefined && { maxAgeSeconds }),
  };
  return applyDecorators(SetMetadata(REQUIRED_AUTHENTICATION_KEY, checked), UseGuards(StepUpGuard));
};
