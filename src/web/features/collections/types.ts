// What the collection endpoints answer (docs/API.md, "Collections").

/** GET /api/collections/:id */
export type Collection = {
  id: number;
  title: string;
  formVersionId: number;
  startsAt: string;
  endsAt: string;
  /** Set when the operator closed it early. */
  closedAt: string | null;
  updatedAt: string;
  /** «Открыт»: started, not ended, not closed by hand. */
  open: boolean;
};

/** GET /api/collections: each with its form and how many organizations take part. */
export type CollectionRow = Omit<Collection, 'updatedAt'> & {
  formTitle: string;
  formVersion: number;
  /** A SQL count: may arrive as a string. */
  participants: number | string;
};
