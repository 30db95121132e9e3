// esbuild bundles CSS imported from the webview entry into dist/webview.css; to TypeScript it is a side effect.
declare module '*.css';
