// Stands in for `proxy-agent` inside the bundled CLI. @puppeteer/browsers loads it (with PAC
// scripts, FTP and a JavaScript parser: 1.8 MB) only to download browsers, which the CLI never
// does; `npm install` downloads with the real package, outside the bundle.
export class ProxyAgent {
  constructor() {
    throw new Error('briefkit does not download browsers from its command line');
  }
}
