// What Vite adds to the modules it bundles: stylesheet imports (`import './x.css'`), asset URLs and
// import.meta.env. TypeScript checks side-effect imports (noUncheckedSideEffectImports, on by default
// since TypeScript 6), so the stylesheets need these declarations.
/// <reference types="vite/client" />
