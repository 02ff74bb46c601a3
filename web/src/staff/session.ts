// Who is logged in on the staff pages: `/api/me` on arrival, the session cookie (httpOnly, set by
// the API) does the rest. The router sends anyone not logged in to the login page and back.
import { ref } from 'vue';
import { ApiError, call, get, post } from '@shared/api';

export interface Me {
  staffId: string;
  name: string;
  username: string | null;
  unit: { id: string; name: string; kind: string; level: string; candidateGroup: string };
  roles: string[];
  groups: string[];
  scope: { kind: string; unitId?: string };
  demo: boolean;
}

export const me = ref<Me | null>(null);
let checked = false;

/** The person logged in, asking the API once per page load; null when nobody is. */
export async function currentStaff(): Promise<Me | null> {
  if (checked) return me.value;
  try {
    me.value = await get<Me>('/api/me');
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
    me.value = null;
  }
  checked = true;
  return me.value;
}

export async function logIn(username: string, password: string): Promise<Me> {
  await post('/api/session', { username, password });
  checked = false;
  const who = await currentStaff();
  if (who === null) throw new Error('logged in, but /api/me does not know the session');
  return who;
}

export async function logOut(): Promise<void> {
  await call('DELETE', '/api/session');
  me.value = null;
  checked = true;
}
