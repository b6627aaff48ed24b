/// <reference types="passport" preserve="true" />
/** The one public entry of the Okta sign-in module: import from here, never from a file inside. */
export { AuthModule } from './auth.module';
export {
  AUTH_MODULE_OPTIONS,
  AUTH_MODULE_ASYNC_OPTIONS_TYPE,
  AUTH_MODULE_OPTIONS_TYPE,
} from './auth.module-definition';
export type {
  AuthModuleOptions,
  AuthTenantsOptions,
  ClientAuthentication,
  MultiTenantAuthModuleOptions,
  SharedAuthOptions,
  TenantAuthOptions,
  TenantOptions,
  TenantResolver,
  SignInMode,
  UniversalLogoutOptions,
  WidgetOptions,
} from './options/auth-module-options';
export type { PrivateJwk, PrivateKeyInput } from './options/private-key';
export {
  findAuthOptionProblems,
  type AuthOptionName,
  type AuthOptionProblem,
} from './options/auth-option-problems';
export { AuthOptionsError } from './options/auth-options.error';
export { Public } from './access/public.decorator';
export { Groups } from './access/groups.decorator';
export { RequireAuthentication } from './access/require-authentication.decorator';
export { StepUpGuard } from './access/step-up.guard';
export { SignInService } from './access/sign-in.service';
export type { SignInOptions, SignInPrompt } from './sign-in/sign-in-request';
export type { AuthenticationRequirement } from './options/authentication-requirement';
export type {
  AfterSignIn,
  AfterSignInEvent,
  AfterSignInOutcome,
  SessionExtras,
  SignedInUserFields,
} from './options/after-sign-in';
export { CurrentUser } from './access/current-user.decorator';
export { AuthenticatedGuard } from './access/authenticated.guard';
export { GroupsGuard } from './access/groups.guard';
export { AccessTokenService } from './access/access-token.service';
export type { RefreshLock } from './options/refresh-lock';
export { OidcClient, type UserInfo } from './oidc/oidc-client';
export type { OktaUser, OktaTokens } from './user/okta-user';
export type { SessionIndexStore } from './options/session-index-store';
export {
  MemorySessionIndexStore,
  type MemorySessionIndexStoreOptions,
} from './session-index/memory-session-index-store';
export { csrfTokenFor } from './session/csrf';
export { tenantOf } from './request/request-context';
export { wantsJson } from './request/wants-json';
export {
  GroupsRequiredException,
  SignInException,
  SignInRequiredException,
  StepUpRequiredException,
  UnknownTenantException,
  type AuthProblem,
} from './errors/auth.exceptions';
