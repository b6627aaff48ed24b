export const OKTA_STRATEGY = 'okta';
