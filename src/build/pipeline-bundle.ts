// What a build needs to make documents, bundled on its own into dist/bin/pipeline.cjs (see
// scripts/bundle.js and build/load-pipeline.ts).
export { produceAll } from './run-documents.js';
export { Printer } from '../print/printer.js';
