// The pages of the collections area, loaded together as one chunk (routes.tsx).
export { CollectionCreatePage } from './CollectionCreatePage.js';
export { CollectionPage } from './CollectionPage.js';
export { CollectionsPage } from './CollectionsPage.js';
