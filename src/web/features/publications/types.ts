// What the publication editor sends. What the endpoints answer is declared in
// src/shared/api/publications.ts.

export type PublicationInput = {
  title: string;
  bodyMarkdown: string;
  audienceRoles: string[];
  audienceRegions: string[];
  publishAt: string | null;
};
