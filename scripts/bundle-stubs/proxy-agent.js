// Stands in for `proxy-agent` inside the bundled CLI. @puppeteer/browsers imports it (with PAC
// scripts, FTP and a JavaScript parser: 1.8 MB) at load, but needs it only to download a browser
// (`briefkit browser install`): only then is the installed package loaded, as @puppeteer/browsers
// would find it.
import { createRequire } from 'node:module';

export class ProxyAgent {
  constructor(options) {
    const browsers = createRequire(import.meta.url).resolve('@puppeteer/browsers');
    const { ProxyAgent: Agent } = createRequire(browsers)('proxy-agent');
    return new Agent(options);
  }
}
