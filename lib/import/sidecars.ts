/**
 * A page's metadata sidecar: `x.json` beside `x.txt` gives the
 * page's title, outlet, date… Files sent together (an upload, a drop) are
 * paired by name here, on both sides: the drop zone sends a page with its
 * sidecar in one request, and the upload imports the page with it. A .json
 * without a page of its name stays a file of its own: a list of articles or
 * Label Studio tasks (lib/import/read-json-array.ts).
 */
export function pairSidecars<T extends { name: string }>(files: T[]): { file: T; sidecar?: T }[] {
  const stem = (name: string) => name.replace(/\.[^.]*$/, '').toLowerCase();
  const isPage = (name: string) => /\.txt$/i.test(name);
  const pages = new Set(files.filter((f) => isPage(f.name)).map((f) => stem(f.name)));
  const sidecars = new Map(files.filter((f) => /\.json$/i.test(f.name) && pages.has(stem(f.name))).map((f) => [stem(f.name), f]));
  return files.flatMap((file) => {
    if (/\.json$/i.test(file.name) && sidecars.get(stem(file.name)) === file) return [];
    const sidecar = isPage(file.name) ? sidecars.get(stem(file.name)) : undefined;
    return [{ file, ...(sidecar && { sidecar }) }];
  });
}
