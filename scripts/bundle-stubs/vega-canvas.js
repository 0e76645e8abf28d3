// Stands in for `vega-canvas` inside the bundled CLI, which is a CommonJS script: the real module
// awaits `import('canvas')` at its top level. briefkit draws charts as SVG and has no node-canvas,
// so the real module would return null here too.
export function canvas() {
  return null;
}
export function image() {
  return null;
}
