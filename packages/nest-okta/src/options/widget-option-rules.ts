import type { OptionRules } from './option-rule';
import {
  cspSourceProblem,
  DEFAULT_WIDGET_CSP_SOURCES,
  WIDGET_CSP_DIRECTIVES,
  type WidgetCspDirective,
} from './widget-csp-sources';

/** A BCP 47 language tag as the widget names its languages: `de`, `pt-BR`, `zh-CN`. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The embedded widget's options: its page, its language and the page's extra CSP sources. */
export const WIDGET_OPTION_RULES = {
  widget: { example: "{ signInHint: 'Ask IT for an account' }" },
  'widget.view': { example: 'widget-login' },
  'widget.assetsPath': {
    example: '/assets/okta-signin-widget',
    default: '/assets/okta-signin-widget',
  },
  'widget.signInHint': { example: 'Ask IT for an account' },
  'widget.language': {
    example: 'de',
    check: (language) =>
      typeof language === 'string' && LANGUAGE_TAG.test(language)
        ? undefined
        : `must be a language tag such as "de" or "pt-BR"; got ${JSON.stringify(language)}`,
  },
  'widget.contentSecurityPolicy': {
    example: "{ scriptSrc: ['https://*.hcaptcha.com'] }",
    check: policyProblems,
  },
  ...directiveRules(),
} as const satisfies OptionRules;

/** The policy's own problems; each directive's sources are its row's. */
function policyProblems(policy: unknown): string | string[] {
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    return 'must be an object of source lists, by directive';
  }
  const directives = Object.keys(WIDGET_CSP_DIRECTIVES);
  return Object.keys(policy)
    .filter((name) => !directives.includes(name))
    .map((name) => `has no directive "${name}"; use ${directives.join(', ')}`);
}

/** One row per directive, alike but for the directive's default sources. */
function directiveRules() {
  const rule = (directive: WidgetCspDirective) => ({
    example: 'https://*.example.com',
    check: sourcesProblems,
    default: DEFAULT_WIDGET_CSP_SOURCES[directive],
  });
  const directives = Object.keys(WIDGET_CSP_DIRECTIVES) as WidgetCspDirective[];
  return Object.fromEntries(
    directives.map((directive) => [`widget.contentSecurityPolicy.${directive}`, rule(directive)]),
  ) as Record<`widget.contentSecurityPolicy.${WidgetCspDirective}`, ReturnType<typeof rule>>;
}

function sourcesProblems(sources: unknown): string | string[] {
  if (!Array.isArray(sources)) return 'must be a list of sources';
  return sources.map(cspSourceProblem).filter((problem) => problem !== undefined);
}
