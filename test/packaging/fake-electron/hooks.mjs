// Module resolution hook: `electron` is the stand-in in electron.mjs.
const electron = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: electron, shortCircuit: true };
  return next(specifier, context);
}
