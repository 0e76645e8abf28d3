// What a build needs to make documents, bundled on its own into dist/bin/pipeline.cjs (see
// scripts/bundle.js and engine/load-pipeline.ts).
export { produceAll } from './produce-all.js';
export { Printer } from './print/printer.js';
