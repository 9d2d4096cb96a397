'use client';
import { useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { formatColumnMapping } from '@/lib/import/column-mapping';
import { guessColumnMapping, isDefaultLayout, readCsvHeader } from '@/lib/import/guess-column-mapping';
import { filesOfEntry, zipFolders, type FolderFile } from '@/lib/import/zip-folder';
import { plural } from './article/link-kinds';
import { CsvMappingForm, type CsvGroup } from './csv-mapping-form';
import { pairSidecars } from '@/lib/import/sidecars';

type Result = {
  file: string;
  articles?: number; added?: number; unchanged?: number; revised?: number; updated?: number; orphaned?: number;
  reopened?: number; spans?: number; spansSkipped?: number; links?: number; warnings?: string[]; error?: string;
  /** No answer from the server (a network error, a bare status): nobody knows what it committed. */
  unknownOutcome?: true;
};

/** Uploads one file (with its details sidecar, if any) with upload progress (fetch has none), resolving to the server's per-file result. */
function upload(projectId: string, file: File, sidecar: File | undefined, map: string | undefined, onProgress: (fraction: number) => void): Promise<Result> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    if (map) form.append('map', map);
    form.append('file', file, file.name);
    if (sidecar) form.append('file', sidecar, sidecar.name);
    xhr.open('POST', `/api/v1/projects/${projectId}/imports`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText);
        resolve(body.results?.[0] ?? (body.error?.message ? { file: file.name, error: body.error.message } : { file: file.name, error: `HTTP ${xhr.status}`, unknownOutcome: true }));
      } catch {
        resolve({ file: file.name, error: `HTTP ${xhr.status}`, unknownOutcome: true });
      }
    };
    xhr.onerror = () => resolve({ file: file.name, error: 'Network error', unknownOutcome: true });
    xhr.send(form);
  });
}

/** A zip made from a folder here goes by the folder's name. */
const displayName = (file: string, folderZips: Set<string>) => (folderZips.has(file) ? `folder ${file.replace(/\.zip$/i, '')}` : file);

/** One file's outcome in words. */
function summaryLine(r: Result, folderZips: Set<string>): string {
  // A file imports whole or not at all: say so, lest the valid lines be thought in. Only when the
  // server said why: after a network error or a bare status nobody knows what it committed.
  if (r.error) {
    if (r.unknownOutcome) return r.error;
    // A list of invalid records (lib/import/file-problems.ts) says it under its count line.
    const [first, ...list] = r.error.split('\n');
    return [`${first.replace(/:$/, '')} (nothing of this file was imported)${list.length ? ':' : ''}`, ...list].join('\n');
  }
  const name = displayName(r.file, folderZips);
  if (r.articles === 0) return `${name}: no articles in this file (is it empty?); nothing imported`;
  const parts = [plural(r.articles ?? 0, 'article'), `${r.added} added`, `${r.unchanged} unchanged`];
  if (r.revised) parts.push(`${r.revised} revised`);
  if (r.updated) parts.push(`${r.updated} with corrected details`);
  if (r.spans) parts.push(`${plural(r.spans, 'span')} imported`);
  if (r.links) parts.push(`${plural(r.links, 'link')} imported`);
  if (r.orphaned) parts.push(`${plural(r.orphaned, 'span')} orphaned`);
  if (r.reopened) parts.push(`${plural(r.reopened, 'decided span')} on changed words, back to review`);
  if (r.spansSkipped) parts.push(`${plural(r.spansSkipped, 'span')} already here`);
  // What the file gives that was not read (a field "Title" for title), one a line under it.
  return [`${name}: ${parts.join(', ')}`, ...(r.warnings ?? []).map((w) => `- note: ${w}`)].join('\n');
}

const isCsv = (file: File) => /\.csv$/i.test(file.name);

/**
 * CSV files whose header is not the FNC-1 bodies layout, grouped by header,
 * each with a mapping guessed from its column names. A file whose header
 * cannot be read is left to the server, which says what is wrong with it.
 */
async function csvGroupsToMap(files: File[]): Promise<CsvGroup[]> {
  const groups = new Map<string, CsvGroup>();
  for (const file of files.filter(isCsv)) {
    const head = await readCsvHeader(file);
    if ('error' in head || isDefaultLayout(head.columns)) continue;
    const key = JSON.stringify(head.columns);
    const group = groups.get(key) ?? { ...head, files: [], mapping: guessColumnMapping(head.columns) };
    group.files.push(file);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Drop files on the project (or pick them): each file is uploaded and
 * imported on its own, all or nothing, with a progress bar and a summary.
 * CSV files in another layout than FNC-1's first ask which column holds what.
 * A folder (dropped or chosen) is sent as one .zip and imported as a corpus
 * folder with its manifest.json.
 */
export function ImportDropZone({ projectId }: { projectId: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; current: number; name: string } | null>(null);
  // Names of the zips made from folders here, to call them by the folder's name.
  const folderZips = useRef(new Set<string>());
  const zipped = async (folders: FolderFile[]) => {
    const zips = await zipFolders(folders);
    for (const z of zips) folderZips.current.add(z.name);
    return zips;
  };
  const [results, setResults] = useState<Result[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [toMap, setToMap] = useState<{ files: File[]; groups: CsvGroup[] } | null>(null);

  async function importAll(files: File[]) {
    if (files.length === 0) return;
    setResults([]);
    setNotice(null);
    const groups = await csvGroupsToMap(files);
    if (groups.length > 0) setToMap({ files, groups });
    else await uploadAll(files, new Map());
  }

  async function uploadAll(files: File[], maps: Map<File, string>) {
    setToMap(null);
    const collected: Result[] = [];
    // A page and its details sidecar (x.txt, x.json) go in one request, to be imported together.
    const uploads = pairSidecars(files);
    for (const [i, { file, sidecar }] of uploads.entries()) {
      setProgress({ done: i, total: uploads.length, current: 0, name: file.name });
      collected.push(await upload(projectId, file, sidecar, maps.get(file), (f) => setProgress({ done: i, total: uploads.length, current: f, name: file.name })));
      setResults([...collected]);
    }
    setProgress(null);
    router.refresh();
  }

  const overall = progress ? (progress.done + progress.current) / progress.total : 0;
  return (
    <section
      aria-label="Import articles"
      className={over ? 'import-drop import-drop--over' : 'import-drop'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        // Entries must be taken now: the drop's data is gone once the handler returns.
        const entries = [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry?.() ?? null);
        const files = [...e.dataTransfer.files];
        void (async () => {
          if (!entries.some((en) => en?.isDirectory)) return importAll(files);
          // A folder goes as one .zip, which the import reads as a corpus folder.
          const plain = files.filter((_, i) => !entries[i]?.isDirectory);
          const folders = (await Promise.all(entries.filter((en) => en?.isDirectory).map((en) => filesOfEntry(en!)))).flat();
          return importAll([...plain, ...(await zipped(folders))]);
        })();
      }}
    >
      <p>
        Drop .jsonl, .csv, .txt (with a same-named .json of its details, if you have one), .html or Label Studio .json files, or a corpus folder with a manifest.json, here; or{' '}
        <button type="button" className="btn link" onClick={() => input.current?.click()}>
          choose files
        </button>{' '}
        or{' '}
        <button type="button" className="btn link" onClick={() => folderInput.current?.click()}>
          a folder
        </button>
        .
      </p>
      <input
        ref={folderInput}
        type="file"
        hidden
        aria-label="Corpus folder to import"
        // Not in React's types; the browser then picks a folder and gives each file its webkitRelativePath.
        {...{ webkitdirectory: '' }}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void zipped(files.map((file) => ({ path: file.webkitRelativePath || file.name, file }))).then(importAll);
        }}
      />
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Files to import"
        accept=".jsonl,.ndjson,.csv,.txt,.json,.html,.htm,.zip"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Choosing the same files again must fire change again.
          e.target.value = '';
          void importAll(files);
        }}
      />
      {toMap && (
        <CsvMappingForm
          groups={toMap.groups}
          waiting={toMap.files.filter((f) => !toMap.groups.some((g) => g.files.includes(f))).map((f) => f.name)}
          onCancel={() => {
            setToMap(null);
            setNotice(`Import cancelled: nothing was imported (${plural(toMap.files.length, 'file')}).`);
          }}
          onImport={(chosen) => {
            const maps = new Map<File, string>();
            toMap.groups.forEach((g, i) => g.files.forEach((f) => maps.set(f, formatColumnMapping(chosen[i].mapping))));
            void uploadAll(toMap.files, maps);
          }}
        />
      )}
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      {progress && (
        <>
          <progress aria-label="Import progress" max={1} value={overall}>
            {Math.round(overall * 100)}%
          </progress>
          <p className="muted import-drop__now">
            {progress.current < 1 ? 'Uploading' : 'Importing'} {displayName(progress.name, folderZips.current)}
            {progress.total > 1 ? ` (${progress.done + 1} of ${progress.total})` : ''}…
          </p>
        </>
      )}
      {results.length > 0 && (
        // A live region: the outcome is announced, not only drawn.
        <ul className="import-drop__results" aria-label="Import summary" aria-live="polite">
          {results.map((r, i) => (
            <li key={i} className={r.error ? 'error-text' : undefined}>
              {summaryLine(r, folderZips.current)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
