export { launchDevIdentityProvider } from './launcher/launch-dev-identity-provider';
export type {
  ClientRegistration,
  DevIdentityProviderOptions,
  RunningIdentityProvider,
} from './launcher/dev-identity-provider-options';
export { demoUsersFile, demoUsersHint, readDemoUsers } from './demo-users/demo-users';
export type { DemoUser } from './demo-users/demo-users';
