// @ts-check

/** Markup that is already safe to emit as-is. */
class SafeHtml {
  /** @param {string} value */
  constructor(value) {
    this.value = value;
  }

  toString() {
    return this.value;
  }
}

const ENTITIES = /** @type {Record<string, string>} */ ({
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
});

/** @param {string} text */
export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

/**
 * Marks markup produced elsewhere (oidc-provider's logout form) as trusted. Never pass user data.
 * @param {string} markup
 */
export function trusted(markup) {
  return new SafeHtml(markup);
}

/** @param {unknown} value @returns {string} */
function render(value) {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * Template tag that escapes every interpolated value unless it is itself `html` output, so a
 * view cannot forget to escape user data.
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 */
export function html(strings, ...values) {
  return new SafeHtml(strings.reduce((out, string, i) => out + render(values[i - 1]) + string));
}
