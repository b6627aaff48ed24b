// @ts-check
/*
 * The package's one way to load oidc-provider (ESLint refuses a direct import): the filter for
 * its false "Unsupported runtime" warning is then in place before oidc-provider's first line
 * runs, whichever entry point started the provider.
 */
import './unsupported-runtime-filter.mjs';

export { default, errors, interactionPolicy } from 'oidc-provider';
