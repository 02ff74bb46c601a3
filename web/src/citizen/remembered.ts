// The lookup code of a request submitted from this browser tab, so that following it right after
// does not need it typed again. Kept in sessionStorage only (gone with the tab), never in the URL.
const key = (id: string): string => `suqiu.lookup.${id}`;

export function rememberCode(id: string, code: string): void {
  try {
    sessionStorage.setItem(key(id), code);
  } catch {
    // private mode: the citizen types it
  }
}

export function rememberedCode(id: string): string {
  try {
    return sessionStorage.getItem(key(id)) ?? '';
  } catch {
    return '';
  }
}
