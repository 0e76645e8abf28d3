/**
 * `briefkit.config.{js,mjs,json}`: found and validated (an unknown key or a wrong type is an error
 * that names the key, the file and where it is written), typed through `defineConfig` from the
 * package, and merged in one order: command line > config > front matter > defaults.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineConfig, type BriefkitConfig } from '../src/index.js';
import { loadConfig } from '../src/config/load.js';
import { loadSettings, resolveSettings, type CommandLineValues } from '../src/config/settings.js';
import { BriefkitError } from '../src/errors.js';
import { defaultLimits } from '../src/load/limits.js';
import { planJobs } from '../src/build/plan.js';
import { readBriefs } from '../src/build/read-briefs.js';
import { startPreview } from '../src/preview/server.js';
import { formatMessages } from '../src/report.js';
import { get, until } from './preview-helpers.js';
import {
  copyFixture,
  describeMessage,
  fixturesDir,
  makeTempDir,
  parseReport,
  removeDir,
  repoRoot,
  runCli,
} from './helpers.js';

let dir: string;

/** A fresh folder holding one brief (`content/clean`), and briefkit installed as a dependency. */
async function project(label: string): Promise<string> {
  const root = join(dir, label);
  await copyFixture(join(fixturesDir, 'check', 'content', 'clean'), join(root, 'content', 'clean'));
  await mkdir(join(root, 'node_modules'), { recursive: true });
  await symlink(repoRoot, join(root, 'node_modules', 'briefkit'), 'dir');
  return root;
}

/** The messages a failed config load reports, as the CLI prints them. */
async function problems(cwd: string, file?: string): Promise<string[]> {
  try {
    await loadConfig({ cwd, file });
  } catch (cause) {
    if (!(cause instanceof BriefkitError)) throw cause;
    const lines = parseReport(formatMessages(cause.files)).map(describeMessage);
    return lines.length > 0 ? lines : [cause.message];
  }
  return [];
}

beforeAll(async () => {
  dir = await makeTempDir('config');
});

afterAll(async () => {
  await removeDir(dir);
});

describe('config: bad input names the key and the file', () => {
  it('reports unknown keys with a suggestion, and wrong types, at their line and column', async () => {
    const root = await project('bad-json');
    await writeFile(
      join(root, 'briefkit.config.json'),
      `{
  "content": 7,
  "paper": "a5",
  "brand": {
    "organization": "Harbor Institute",
    "pallete": { "primary": "#123456" }
  },
  "fonts": { "serif": { "family": "Bad'; }", "stylesheets": "x.css" } }
}
`,
    );
    expect(await problems(root)).toEqual([
      'briefkit.config.json:2:14 error  `content`: expected a path (got number 7)  config',
      'briefkit.config.json:3:12 error  `paper`: expected `letter` or `a4`  config',
      'briefkit.config.json:6:5 error  unknown key `brand.pallete`; did you mean `brand.palette`?  config',
      'briefkit.config.json:8:35 error  `fonts.serif.family`: expected a family name of letters, digits, spaces, hyphens or underscores  config',
      'briefkit.config.json:8:61 error  `fonts.serif.stylesheets`: expected a list of stylesheets (got string "x.css")  config',
    ]);
  });

  it('stops every command with exit code 1 and says the config is invalid', async () => {
    const root = join(dir, 'bad-json');
    for (const args of [['check'], ['build'], ['new', 'another'], ['preview', '--no-pdf']]) {
      const result = await runCli(args, { cwd: root });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(
        'briefkit.config.json:6:5  error  unknown key `brand.pallete`',
      );
      expect(result.stderr).toContain(
        'briefkit: briefkit.config.json is not a valid briefkit config; nothing was done.',
      );
    }
    expect(existsSync(join(root, 'content', 'another'))).toBe(false);
  });

  it('finds keys in a JavaScript config too', async () => {
    const root = await project('bad-mjs');
    await writeFile(
      join(root, 'briefkit.config.mjs'),
      `import { defineConfig } from 'briefkit';

export default defineConfig({
  content: 'content',
  brand: {
    organization: 'Harbor Institute',
    palette: { primary: 'navy', accnt: '#fff' },
  },
});
`,
    );
    expect(await problems(root)).toEqual([
      'briefkit.config.mjs:7:16 error  `brand.palette.primary`: expected a colour such as #1b4a72 (#rgb or #rrggbb)  config',
      'briefkit.config.mjs:7:33 error  unknown key `brand.palette.accnt`; did you mean `brand.palette.accent`?  config',
    ]);
  });

  it('names files the config points at that do not exist', async () => {
    const root = await project('missing-files');
    await writeFile(
      join(root, 'briefkit.config.json'),
      JSON.stringify(
        {
          brand: { logo: 'brand/logo.svg' },
          fonts: { sans: { family: 'Inter', stylesheets: ['@fontsource/no-such-font/400.css'] } },
        },
        null,
        2,
      ),
    );
    expect(await problems(root)).toEqual([
      'briefkit.config.json:3:13 error  `brand.logo`: brand/logo.svg does not exist  config',
      'briefkit.config.json:9:9 error  `fonts.sans.stylesheets[0]`: @fontsource/no-such-font/400.css is neither a file beside the config nor a package file  config',
    ]);
  });

  it('says a logo that is a folder or a device is not a file (it said /dev/zero "does not exist")', async () => {
    const root = await project('logo-not-file');
    await mkdir(join(root, 'brand'), { recursive: true });
    await writeFile(
      join(root, 'briefkit.config.json'),
      JSON.stringify({ brand: { logo: 'brand' } }, null, 2),
    );
    expect(await problems(root)).toEqual([
      'briefkit.config.json:3:13 error  `brand.logo`: brand is not a file  config',
    ]);
    await writeFile(
      join(root, 'briefkit.config.json'),
      JSON.stringify({ brand: { logo: '/dev/zero' } }, null, 2),
    );
    expect(await problems(root)).toEqual([
      'briefkit.config.json:3:13 error  `brand.logo`: /dev/zero is not a file  config',
    ]);
  });

  it('explains a config that cannot be loaded or has no default export', async () => {
    const root = await project('broken-js');
    await writeFile(join(root, 'briefkit.config.js'), 'export const config = {};\n');
    expect(await problems(root)).toEqual([
      'briefkit.config.js has no default export: write `export default defineConfig({ … })`',
    ]);
    await writeFile(join(root, 'briefkit.config.js'), 'export default {\n');
    const [reason] = await problems(root);
    expect(reason).toMatch(/^briefkit\.config\.js could not be loaded: /);
  });

  it('refuses two config files, and a --config that does not exist', async () => {
    const root = await project('two-files');
    await writeFile(join(root, 'briefkit.config.json'), '{}');
    await writeFile(join(root, 'briefkit.config.mjs'), 'export default {};\n');
    expect(await problems(root)).toEqual([
      `Found briefkit.config.mjs and briefkit.config.json in ${root}: keep one config file`,
    ]);
    expect(await problems(root, 'elsewhere.json')).toEqual([
      'Config file elsewhere.json does not exist',
    ]);
    const cli = await runCli(['check', '--config', 'briefkit.config.json'], { cwd: root });
    expect(cli.code, cli.stderr).toBe(0);
  });
});

describe('config: a valid config, typed with defineConfig from the package', () => {
  let root: string;

  beforeAll(async () => {
    root = await project('valid');
    await mkdir(join(root, 'briefs'));
    await copyFixture(join(root, 'content', 'clean'), join(root, 'briefs', 'from-config'));
    await mkdir(join(root, 'brand'));
    await writeFile(
      join(root, 'brand', 'logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
    );
    await writeFile(
      join(root, 'brand', 'fonts.css'),
      "@font-face { font-family: 'Harbor Sans'; src: url(./harbor.woff2) format('woff2'); }\n",
    );
    await writeFile(join(root, 'brand', 'harbor.woff2'), 'not really a font');
    await writeFile(
      join(root, 'briefkit.config.js'),
      `import { defineConfig } from 'briefkit';

export default defineConfig({
  content: 'briefs',
  output: 'dist-pdf',
  paper: 'a4',
  brand: {
    organization: 'Harbor Institute',
    logo: 'brand/logo.svg',
    palette: { primary: '#123456', accent: '#abc' },
  },
  fonts: {
    sans: {
      family: 'Harbor Sans',
      stylesheets: ['brand/fonts.css', '@fontsource/source-sans-3/400-italic.css'],
    },
  },
});
`,
    );
  });

  it('exports defineConfig and its types from the package entry', async () => {
    const config: BriefkitConfig = { paper: 'letter', brand: { palette: { primary: '#000' } } };
    expect(defineConfig(config)).toBe(config);
    const installed = (await import(
      pathToFileURL(join(root, 'node_modules', 'briefkit', 'dist', 'index.js')).href
    )) as { defineConfig: unknown };
    expect(typeof installed.defineConfig).toBe('function');
    expect(existsSync(join(repoRoot, 'dist', 'index.d.ts'))).toBe(true);
  });

  it('resolves paths relative to the config file', async () => {
    const config = await loadConfig({ cwd: root });
    expect(config.file).toBe(join(root, 'briefkit.config.js'));
    expect(config.contentDir).toBe(join(root, 'briefs'));
    expect(config.outputDir).toBe(join(root, 'dist-pdf'));
    expect(config.logo).toBe(join(root, 'brand', 'logo.svg'));
    expect(config.fonts.sans?.stylesheets[0]).toBe(join(root, 'brand', 'fonts.css'));
    expect(config.fonts.sans?.stylesheets[1]).toMatch(
      /@fontsource\/source-sans-3\/400-italic\.css$/,
    );
  });

  it('is used by the commands: check reads the config’s content folder', async () => {
    const result = await runCli(['check'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.trim()).toBe('1 brief(s) checked');
    const unknown = await runCli(['check', 'clean'], { cwd: root });
    expect(unknown.stderr).toContain('No brief `clean` in');
    expect(unknown.stderr).toContain('briefs/');
  });

  it('yields to the command line', async () => {
    const result = await runCli(['check', '--content', 'content', 'clean'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const settings = await loadSettings(root, { content: 'content', out: 'out', paper: 'letter' });
    expect(settings.contentDir).toBe(join(root, 'content'));
    expect(settings.outputDir).toBe(join(root, 'out'));
    expect(settings.document.paper).toBe('letter');
  });

  it('turns the brand into document settings: palette and fonts as CSS, files the printer may read', async () => {
    const { document } = await loadSettings(root, {});
    expect(document.css).toBe(
      ":root {\n  --bk-primary: #123456;\n  --bk-accent: #abc;\n  --bk-sans: 'Harbor Sans', 'Source Sans 3', var(--bk-script-fonts), sans-serif;\n}",
    );
    expect(document.organization).toBe('Harbor Institute');
    expect(document.logo?.url).toBe(pathToFileURL(join(root, 'brand', 'logo.svg')).href);
    expect(document.stylesheets).toEqual([
      pathToFileURL(join(root, 'brand', 'fonts.css')).href,
      expect.stringMatching(/^file:.*@fontsource\/source-sans-3\/400-italic\.css$/),
    ]);
    expect(document.allowedRoots).toContain(join(root, 'brand'));
    expect(document.stamp).toBeUndefined();
  });

  it('shows the brand in the preview', async () => {
    const settings = await loadSettings(root, {});
    const preview = await startPreview({
      cwd: root,
      contentDir: settings.contentDir,
      outputDir: settings.outputDir,
      port: 0,
      pdf: false,
      document: settings.document,
      log: () => undefined,
    });
    try {
      const page = await get(`${preview.url}from-config/brief`);
      expect(page.body).toContain('--bk-primary: #123456;');
      expect(page.body).toContain('<body class="bk-brief">');
      expect(page.body).toContain('Harbor Institute');
      expect(page.body).toContain('body.bk-brief { width: 210mm; }');
      const sheet = /href="\/(_files\/brand-\d+)\/fonts\.css"/.exec(page.body)?.[1];
      expect(sheet).toBeDefined();
      expect((await get(`${preview.url}${sheet ?? ''}/fonts.css`)).status).toBe(200);
      const font = await get(`${preview.url}${sheet ?? ''}/harbor.woff2`);
      expect(font.status).toBe(200);
      expect(font.headers['content-type']).toBe('font/woff2');
      expect(page.body).toContain('href="/_files/source-sans-3/400-italic.css"');
    } finally {
      await preview.close();
    }
  });

  it('is read again by the preview when it changes', async () => {
    const settings = await loadSettings(root, {});
    const preview = await startPreview({
      cwd: root,
      contentDir: settings.contentDir,
      outputDir: settings.outputDir,
      port: 0,
      pdf: false,
      document: settings.document,
      configFile: settings.config.file,
      reloadSettings: async () => (await loadSettings(root, {})).document,
      log: () => undefined,
    });
    const file = join(root, 'briefkit.config.js');
    const source = await readFile(file, 'utf8');
    try {
      expect((await get(`${preview.url}from-config/brief`)).body).toContain('#123456');
      await writeFile(file, source.replace('#123456', '#654321'));
      await until('the new palette in the page', async () => {
        const page = await get(`${preview.url}from-config/brief`);
        return page.body.includes('--bk-primary: #654321;') ? true : undefined;
      });
    } finally {
      await writeFile(file, source);
      await preview.close();
    }
  });
});

describe('config: precedence, command line > config > front matter > defaults', () => {
  let root: string;

  beforeAll(async () => {
    root = join(dir, 'precedence');
    for (const [id, front] of [
      ['a4-brief', 'paper: a4\norganization: Front Matter Org\n'],
      ['plain', ''],
    ] as const) {
      await mkdir(join(root, 'content', id), { recursive: true });
      await writeFile(
        join(root, 'content', id, 'brief.md'),
        `---\ntitle: ${id}\ndate: 2026-01-01\n${front}---\n\n## Only\n\nText.\n`,
      );
    }
  });

  const briefsWith = async (config: BriefkitConfig, cli: CommandLineValues) => {
    const file = join(root, 'briefkit.config.json');
    await writeFile(file, JSON.stringify(config));
    const settings = await loadSettings(root, cli);
    // The options a build plans with (its cache keys, templates and printer all take these).
    const jobs = await planJobs({ contentDir: settings.contentDir, document: settings.document });
    // Nothing is written back: the model keeps what the front matter says.
    const read = await readBriefs({ contentDir: settings.contentDir, cwd: root });
    expect(read.briefs.find((brief) => brief.id === 'plain')?.meta.paper).toBe('letter');
    return Object.fromEntries(
      jobs.map((job) => [
        job.id,
        { paper: job.options.paper, organization: job.options.organization },
      ]),
    );
  };

  it('defaults, then front matter', async () => {
    expect(await briefsWith({}, {})).toEqual({
      'a4-brief': { paper: 'a4', organization: 'Front Matter Org' },
      plain: { paper: 'letter', organization: undefined },
    });
  });

  it('config over front matter', async () => {
    expect(
      await briefsWith({ paper: 'letter', brand: { organization: 'Config Org' } }, {}),
    ).toEqual({
      'a4-brief': { paper: 'letter', organization: 'Config Org' },
      plain: { paper: 'letter', organization: 'Config Org' },
    });
  });

  it('command line over config', async () => {
    expect(await briefsWith({ paper: 'letter' }, { paper: 'a4' })).toEqual({
      'a4-brief': { paper: 'a4', organization: 'Front Matter Org' },
      plain: { paper: 'a4', organization: undefined },
    });
  });

  it('folders: command line, else config (relative to it), else content/ and output/', () => {
    const config = {
      file: join(root, 'conf', 'briefkit.config.json'),
      contentDir: join(root, 'conf', 'briefs'),
      outputDir: undefined,
      paper: undefined,
      organization: undefined,
      logo: undefined,
      palette: {},
      fonts: {},
      limits: defaultLimits,
    };
    const fromConfig = resolveSettings(root, config, {});
    expect(fromConfig.contentDir).toBe(join(root, 'conf', 'briefs'));
    expect(fromConfig.outputDir).toBe(join(root, 'output'));
    const fromFlags = resolveSettings(root, config, { content: 'c', out: 'o' });
    expect(fromFlags.contentDir).toBe(join(root, 'c'));
    expect(fromFlags.outputDir).toBe(join(root, 'o'));
  });
});
