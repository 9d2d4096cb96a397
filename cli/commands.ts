import { Command, Option } from 'commander';
import { AppError } from '@/lib/errors';
import { db } from '@/lib/db/client';
import { addUser, findProjectByIdOrName } from '@/lib/users/add-user';
import { createToken, listTokens, revokeToken } from '@/lib/tokens/manage-tokens';
import { readPassword } from './read-password';
import { EXPORT_FORMATS, exportQuery } from '@/lib/export/schema';
import { writeExport } from '@/lib/export/write-export';
import fs from 'node:fs';
import path from 'node:path';
import { importFile } from '@/lib/import/import-files';
import { indexSentences } from '@/lib/sentences/index-sentences';
import { backupProject } from '@/lib/backup/backup-project';
import { restoreProject } from '@/lib/backup/restore-project';
import { parseColumnMapping } from '@/lib/import/column-mapping';
import type { Role } from '@/lib/db/generated/enums';
import { pairSidecars } from '@/lib/import/sidecars';
import { progressLine } from './progress-line';
import { createProject } from '@/lib/projects/create-project';
import { createProjectInput } from '@/lib/projects/schema';

// Each command is a thin shell over one lib/ function.

export const program = new Command()
  .name('crosscheck')
  .description('Crosscheck admin command line. Uses the database in DATABASE_URL.')
  .showHelpAfterError();

const user = program.command('user').description('manage users');
user
  .command('add')
  .description('create a user (or update one by email) and give them a role in a project; the password is read from stdin')
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--name <name>', 'display name')
  .option('--project <project>', 'project id or name')
  .addOption(new Option('--role <role>', 'role in the project').choices(['admin', 'analyst', 'reviewer']))
  .option('--no-password', 'do not set a password (the user cannot sign in until one is set)')
  .action(async (opts: { email: string; name: string; project?: string; role?: string; password: boolean }) => {
    if (Boolean(opts.project) !== Boolean(opts.role)) throw new AppError('BAD_REQUEST', '--project and --role go together');
    const project = opts.project ? await findProjectByIdOrName(opts.project) : undefined;
    const password = opts.password ? await readPassword() : undefined;
    const result = await addUser({
      email: opts.email,
      name: opts.name,
      password,
      projectId: project?.id,
      role: opts.role?.toUpperCase() as Role | undefined,
    });
    console.log(`user ${result.email} (${result.id})${project ? ` is ${opts.role} in "${project.name}"` : ''}`);
  });

program
  .command('project')
  .description('manage projects')
  .command('create')
  .description('create a project; the user named by --admin holds every role in it (admin, analyst, reviewer)')
  .requiredOption('--name <name>', 'the project\'s name (unique)')
  .requiredOption('--admin <email>', 'who runs it')
  .option('--description <text>', 'a line or two on the corpus and the work')
  .action(async (opts: { name: string; admin: string; description?: string }) => {
    const admin = await db.user.findUnique({ where: { email: opts.admin.trim().toLowerCase() }, select: { id: true, name: true, email: true } });
    if (!admin) throw new AppError('NOT_FOUND', `No user with email ${opts.admin} (npm run cli -- user add creates one)`);
    const project = await createProject({ ...admin, via: 'token' }, createProjectInput.parse({ name: opts.name, description: opts.description }));
    console.log(`project "${project.name}" (${project.id}): ${admin.email} is admin, analyst and reviewer`);
  });

const token = program.command('token').description('manage API tokens');
token
  .command('create')
  .description('create an API token for a user; it is printed once and never stored')
  .requiredOption('--email <email>', 'the user')
  .option('--name <name>', 'a label to recognise the token by', 'cli')
  .action(async (opts: { email: string; name: string }) => {
    const owner = await findUser(opts.email);
    const { token: secret, info } = await createToken(owner.id, opts.name);
    console.error(`token ${info.prefix}… (${info.id}) for ${opts.email}; use it as "Authorization: Bearer <token>":`);
    console.log(secret);
  });
token
  .command('list')
  .description("list a user's tokens")
  .requiredOption('--email <email>', 'the user')
  .action(async (opts: { email: string }) => {
    const owner = await findUser(opts.email);
    for (const t of await listTokens(owner.id)) {
      console.log(`${t.id}  ${t.prefix}…  ${t.name}  created ${t.createdAt}${t.revokedAt ? `  REVOKED ${t.revokedAt}` : ''}`);
    }
  });
token
  .command('revoke')
  .description('revoke a token at once')
  .requiredOption('--email <email>', 'the user')
  .argument('<token>', 'token id or its printed prefix')
  .action(async (id: string, opts: { email: string }) => {
    const owner = await findUser(opts.email);
    const t = await revokeToken(owner.id, id);
    console.log(`revoked ${t.prefix}… (${t.id})`);
  });

program
  .command('export')
  .description('write a project\'s annotations to stdout (streamed)')
  .requiredOption('--project <project>', 'project id or name')
  .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
  .addOption(new Option('--status <status>', 'approved spans and links only, or all').choices(['approved', 'all']).default('approved'))
  .option('--outlet <outlets>', 'comma-separated outlets')
  .option('--label <labels>', 'comma-separated tags')
  .option('--article <ids>', 'comma-separated article ids')
  .option('--bom', 'csv: start with a UTF-8 byte-order mark, for Excel')
  .option('--base-url <url>', 'base of the IRIs in the export', process.env.APP_URL ?? 'http://localhost:3000')
  .action(async (opts: { project: string; format: string; status: string; outlet?: string; label?: string; article?: string; bom?: boolean; baseUrl: string }) => {
    const project = await findProjectByIdOrName(opts.project);
    const query = exportQuery.parse({ format: opts.format, status: opts.status, outlet: opts.outlet, label: opts.label, articleId: opts.article, bom: opts.bom ? 'true' : undefined });
    const { chunks } = await writeExport({ cli: true }, project.id, query, opts.baseUrl);
    for await (const chunk of chunks) {
      if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  });

program
  .command('import')
  .description('import articles into a project: .jsonl, .json (Label Studio tasks, or a list of articles), .csv (with --map), .txt, .html, or a folder with manifest.json; each file all or nothing')
  .requiredOption('--project <project>', 'project id or name')
  .option('--map <mapping>', 'CSV columns, e.g. "text=articleBody,externalId=Body ID,title=Headline" (default: the FNC-1 bodies layout)')
  .option('--as <email>', 'the user recorded as importer and as author of spans the file carries (JSONL entities)')
  .argument('<paths...>', 'files or corpus folders')
  .action(async (paths: string[], opts: { project: string; map?: string; as?: string }) => {
    const project = await findProjectByIdOrName(opts.project);
    const actorId = opts.as ? (await findUser(opts.as)).id : undefined;
    const mapping = opts.map ? parseColumnMapping(opts.map, '--map') : undefined;
    let failed = 0;
    // A page's details sidecar given beside it (`import dir/*`) is read with the page, not imported as a file.
    const pairs = pairSidecars(paths.map((name) => ({ name })));
    const files = pairs.map((p) => p.file.name);
    for (const [i, { file: { name: file }, sidecar }] of pairs.entries()) {
      const prefix = `[${i + 1}/${files.length}] ${file}`;
      const progress = progressLine(prefix);
      try {
        const details = sidecar && { sidecar: { path: sidecar.name, name: path.basename(sidecar.name) } };
        const r = await importFile(project.id, file, { mapping, actorId, onProgress: progress.update, ...details }).finally(progress.clear);
        if (r.articles === 0) console.log(`${prefix}: no articles in this file (is it empty?); nothing imported`);
        else console.log(`${prefix}: ${r.articles} article${r.articles === 1 ? '' : 's'}, ${r.added} added, ${r.unchanged} unchanged, ${r.revised} revised${r.updated ? `, ${r.updated} with corrected details` : ''}${r.spans ? `, ${r.spans} spans imported` : ''}${r.links ? `, ${r.links} links imported` : ''}${r.spansSkipped ? `, ${r.spansSkipped} spans already here` : ''} (${r.orphaned} spans orphaned${r.reopened ? `, ${r.reopened} decided spans on changed words back to review` : ''})`);
        for (const w of r.warnings ?? []) console.log(`${prefix}: note: ${w}`);
      } catch (e) {
        failed++;
        const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
        console.error(`${prefix}: nothing imported: ${missing ? 'no such file or folder' : e instanceof Error ? e.message : String(e)}`);
      }
    }
    // The articles are searchable already; the search index is made now, before the CLI exits.
    if (process.stderr.isTTY) process.stderr.write('indexing sentences for search…');
    await indexSentences().finally(() => process.stderr.isTTY && process.stderr.write('\r\x1b[K'));
    if (failed) throw new AppError('BAD_REQUEST', `${failed} of ${files.length} files were not imported`);
  });

program
  .command('backup')
  .description('write a project, exactly (articles, spans, links, claims, reviews, history, its users), as JSON Lines to stdout')
  .requiredOption('--project <project>', 'project id or name')
  .action(async (opts: { project: string }) => {
    const project = await findProjectByIdOrName(opts.project);
    for await (const line of backupProject(project.id)) {
      if (!process.stdout.write(line)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  });

program
  .command('restore')
  .description('restore a project from a backup file (or stdin) into this database, all or nothing')
  .argument('[file]', 'backup file; stdin when omitted')
  .action(async (file?: string) => {
    const input = file ? fs.createReadStream(file) : process.stdin;
    const { projectId, rows } = await restoreProject(input);
    console.log(`restored project ${projectId}: ${Object.entries(rows).map(([t, n]) => `${n} ${t}`).join(', ')}`);
  });

export async function findUser(email: string) {
  const row = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!row) throw new AppError('NOT_FOUND', `No user with email ${email}`);
  return row;
}

