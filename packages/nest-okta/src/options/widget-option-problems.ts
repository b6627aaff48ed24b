import {
  cspSourceProblem,
  WIDGET_CSP_DIRECTIVES,
  type WidgetCspDirective,
} from './widget-csp-sources';
import type { WidgetOptions } from './auth-module-options';
import type { Report } from './auth-option-problems';

const CSP_OPTION = 'widget.contentSecurityPolicy';
const CSP_EXAMPLE = "{ scriptSrc: ['https://*.hcaptcha.com'] }";

/** A BCP 47 language tag as the widget names its languages: `de`, `pt-BR`, `zh-CN`. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Problems in the embedded widget's options: its language and its page's extra CSP sources. */
export function findWidgetOptionProblems(widget: WidgetOptions | undefined, report: Report): void {
  const language: unknown = widget?.language;
  if (language !== undefined && (typeof language !== 'string' || !LANGUAGE_TAG.test(language))) {
    report(
      'widget.language',
      `must be a language tag such as "de" or "pt-BR"; got ${JSON.stringify(language)}`,
      'de',
    );
  }
  const policy: unknown = widget?.contentSecurityPolicy;
  if (policy === undefined) return;
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    report(CSP_OPTION, 'must be an object of source lists, by directive', CSP_EXAMPLE);
    return;
  }
  for (const [name, sources] of Object.entries(policy)) {
    if (!(name in WIDGET_CSP_DIRECTIVES)) {
      report(
        CSP_OPTION,
        `has no directive "${name}"; use ${Object.keys(WIDGET_CSP_DIRECTIVES).join(', ')}`,
        CSP_EXAMPLE,
      );
      continue;
    }
    const option = `${CSP_OPTION}.${name as WidgetCspDirective}` as const;
    if (!Array.isArray(sources)) {
      report(option, 'must be a list of sources', 'https://*.example.com');
      continue;
    }
    for (const source of sources) {
      const problem = cspSourceProblem(source);
      if (problem) report(option, problem, 'https://*.example.com');
    }
  }
}
