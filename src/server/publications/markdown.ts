// Publication bodies: Markdown rendered to HTML on the server, then sanitized, so the browser
// only ever gets HTML from an allow-list. Two layers on purpose: markdown-it with `html: false`
// never passes raw HTML through and refuses javascript:/data: links, and sanitize-html drops
// whatever a future markdown-it option or bug might still let through.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
// Images would load from anywhere on the reader's screen (and the sanitizer drops them anyway):
// keep their alt text instead, so the reader still sees what was meant.
markdown.renderer.rules.image = (tokens, idx, options, env, self) =>
  markdown.utils.escapeHtml(self.renderInlineAsText(tokens[idx]?.children ?? [], options, env));

const ALIGN_CLASSES = ['align-left', 'align-center', 'align-right'];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    's',
    'blockquote',
    'ul',
    'ol',
    'li',
    'code',
    'pre',
    'hr',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], ol: ['start'], th: ['class'], td: ['class'] },
  allowedClasses: { th: ALIGN_CLASSES, td: ALIGN_CLASSES },
  allowedStyles: {},
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    th: alignmentAsClass,
    td: alignmentAsClass,
    // Only absolute http(s) and mailto links: a relative or scheme-less href has no business in
    // an announcement and is the usual vehicle of obfuscated schemes.
    a: (_tag, attribs) => {
      const out: sanitizeHtml.Attributes = { ...attribs, rel: 'noopener noreferrer', target: '_blank' };
      if (!/^(https?:\/\/|mailto:)/i.test(out.href ?? '')) delete out.href;
      return { tagName: 'a', attribs: out };
    },
  },
};

/**
 * Table alignment is the only style markdown-it writes (`style="text-align:right"`). The CSP allows
 * no inline styles, so it becomes a class (publications.css); nothing else of a cell's attributes
 * survives.
 */
function alignmentAsClass(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const align = /^text-align:\s*(left|right|center);?$/.exec(attribs.style ?? '')?.[1];
  const out: sanitizeHtml.Attributes = align ? { class: `align-${align}` } : {};
  return { tagName, attribs: out };
}

/** Sanitized HTML for a publication body written in Markdown. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE);
}
