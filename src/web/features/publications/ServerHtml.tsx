// HTML the server rendered from Markdown and sanitized against an allow-list
// (src/server/publications/markdown.ts): the one place such HTML enters the page.
export function ServerHtml({ html }: { html: string }) {
  return (
    <div
      className="publication-text"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized on the server, see above
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
