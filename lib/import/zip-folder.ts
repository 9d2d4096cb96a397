import { zipSync } from 'fflate';

// Client-safe: the drop zone sends a dropped or chosen folder as one .zip,
// which the import reads as a corpus folder (lib/import/read-zip.ts).

/** A file inside a folder, by its path relative to the folder's parent ("corpus/manifest.json"). */
export type FolderFile = { path: string; file: Blob };

/** The files of each top folder, zipped as a file manager would (under the folder's name): one .zip per folder. */
export async function zipFolders(files: FolderFile[]): Promise<File[]> {
  const byFolder = new Map<string, FolderFile[]>();
  for (const f of files) {
    const top = f.path.split('/')[0];
    byFolder.set(top, [...(byFolder.get(top) ?? []), f]);
  }
  const zips: File[] = [];
  for (const [folder, inside] of byFolder) {
    const entries: Record<string, Uint8Array> = {};
    for (const f of inside) entries[f.path] = new Uint8Array(await f.file.arrayBuffer());
    zips.push(new File([zipSync(entries)], `${folder}.zip`, { type: 'application/zip' }));
  }
  return zips;
}

/** Every file under a dropped folder, read through the File and Directory Entries API, with its path. */
export async function filesOfEntry(entry: FileSystemEntry, prefix = ''): Promise<FolderFile[]> {
  const here = `${prefix}${entry.name}`;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ path: here, file }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries gives at most ~100 entries a call: call it until it gives none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const nested = await Promise.all(children.map((c) => filesOfEntry(c, `${here}/`)));
  return nested.flat();
}
