/** briefkit's public module: what a `briefkit.config.js` imports. The tool itself is the CLI. */
export { defineConfig } from './config/define.js';
export type {
  BrandConfig,
  BriefkitConfig,
  FontConfig,
  FontsConfig,
  Palette,
  Paper,
} from './config/define.js';
