/**
 * The world pack ships gzipped inside the extension (packs/world.json.gz) but is never installed
 * until the reader asks; then it goes through the same staged, atomic import as a chosen file.
 */
import browser from '../shared/browser';

const PATH = 'packs/world.json.gz';

const url = () => browser.runtime.getURL(PATH);

/** Whether this build carries the world pack (a build without it hides the gallery item). */
export async function worldPackShipped(): Promise<boolean> {
  try {
    const res = await fetch(url(), { method: 'HEAD' });
    return res.ok;
  } catch {
    return false;
  }
}

/** The shipped file as a File, ready for the import session (which gunzips and streams it). */
export async function worldPackFile(): Promise<File> {
  const res = await fetch(url());
  if (!res.ok) throw new Error(`${PATH}: HTTP ${res.status}`);
  return new File([await res.blob()], 'world.json.gz', { type: 'application/gzip' });
}
