// Publications as GET /api/publications answers them (src/server/publications/queries.ts).

export type PublicationFile = {
  id: number;
  name: string;
  contentType: string;
  sizeBytes: number;
  url: string;
};

export type Publication = {
  id: number;
  title: string;
  /** Rendered from Markdown and sanitized by the server: safe to insert as HTML. */
  bodyHtml: string;
  publishAt: string;
  files: PublicationFile[];
  // The federal operator's view only.
  bodyMarkdown?: string;
  audienceRoles?: string[];
  audienceRegions?: string[];
};

export type PublicationPage = { rows: Publication[]; total: number; page: number; pageSize: number };

export type PublicationInput = {
  title: string;
  bodyMarkdown: string;
  audienceRoles: string[];
  audienceRegions: string[];
  publishAt: string | null;
};
