// Stands in for src/build/pipeline-bundle.ts inside the bundled CLI: there the pipeline is always
// dist/bin/pipeline.cjs (build/load-pipeline.ts), so a second copy of it as ES modules would only
// double the package.
throw new Error('briefkit: dist/bin/pipeline.cjs is missing; install briefkit again');
