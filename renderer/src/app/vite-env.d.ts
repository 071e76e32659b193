/// <reference types="vite/client" />
// Vite's client types: CSS side-effect imports, `?raw` imports and `import.meta.glob` (templates).
